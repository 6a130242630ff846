/**
 * The "http" endpoint's transport: a synchronous XMLHttpRequest from the Faaslet's Worker. A host
 * import must answer before it returns, in both await modes, and a Worker may still make
 * synchronous requests (the page may not); it uses the page's origin, cookies and CORS rules.
 * Network failures (CORS refusals included) come back as status 502 with the reason in the body.
 */
import type { HttpRequest, HttpResponse } from './endpoints';

/** Headers the browser sets itself and refuses from scripts. */
const FORBIDDEN = new Set(['host', 'content-length', 'connection', 'accept-encoding', 'user-agent']);

export function xhrFetchSync({ method, url, headers, body }: HttpRequest): HttpResponse {
  const xhr = new XMLHttpRequest();
  try {
    xhr.open(method, new URL(url, self.location.origin).href, false);
    xhr.responseType = 'arraybuffer';
    for (const [name, value] of headers) if (!FORBIDDEN.has(name.toLowerCase())) xhr.setRequestHeader(name, value);
    xhr.send(body.byteLength > 0 ? (body as Uint8Array<ArrayBuffer>) : null);
    return { status: xhr.status, statusText: xhr.statusText, body: new Uint8Array(xhr.response as ArrayBuffer) };
  } catch (error) {
    const reason = `http proxy: ${method} ${url} failed (${(error as Error).message}); only same-origin or CORS-enabled URLs can be fetched\n`;
    return { status: 502, statusText: 'Bad Gateway', body: new TextEncoder().encode(reason) };
  }
}
