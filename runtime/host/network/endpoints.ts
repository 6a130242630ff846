/**
 * The virtual endpoints a Faaslet may connect to. Each is a byte stream: what the function
 * sends goes in, what it receives comes out.
 * - "echo": every byte sent comes back.
 * - "http": an HTTP/1.1 client request (request line, headers, blank line, body of
 *   Content-Length) is forwarded with the page's network stack, same-origin or CORS-enabled
 *   URLs only (the page is cross-origin isolated); the response comes back as
 *   "HTTP/1.1 <status>\r\nContent-Length: n\r\n\r\n<body>".
 */

export interface Endpoint {
  send(data: Uint8Array): void;
  /** Up to `max` bytes; an empty array when nothing more will come. */
  receive(max: number): Uint8Array;
}

/** A byte queue with one copy per receive. */
class Queue {
  private chunks: Uint8Array[] = [];

  push(data: Uint8Array): void {
    if (data.byteLength > 0) this.chunks.push(data.slice());
  }

  take(max: number): Uint8Array {
    const out = new Uint8Array(Math.min(max, this.chunks.reduce((n, c) => n + c.byteLength, 0)));
    let at = 0;
    while (at < out.byteLength) {
      const head = this.chunks[0]!;
      const n = Math.min(head.byteLength, out.byteLength - at);
      out.set(head.subarray(0, n), at);
      at += n;
      if (n === head.byteLength) this.chunks.shift();
      else this.chunks[0] = head.subarray(n);
    }
    return out;
  }
}

export class EchoEndpoint implements Endpoint {
  private readonly queue = new Queue();
  send(data: Uint8Array): void {
    this.queue.push(data);
  }
  receive(max: number): Uint8Array {
    return this.queue.take(max);
  }
}

export interface HttpRequest {
  method: string;
  url: string;
  headers: [string, string][];
  body: Uint8Array;
}

export interface HttpResponse {
  status: number;
  statusText: string;
  body: Uint8Array;
}

/** The request, once its head and body are complete; null while more is to come. */
export function parseRequest(bytes: Uint8Array): HttpRequest | null {
  const text = new TextDecoder('latin1').decode(bytes);
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) return null;
  const [requestLine = '', ...lines] = text.slice(0, end).split('\r\n');
  const [method = '', url = ''] = requestLine.split(' ');
  const headers = lines.map((line): [string, string] => {
    const colon = line.indexOf(':');
    return [line.slice(0, colon).trim(), line.slice(colon + 1).trim()];
  });
  const length = Number(headers.find(([name]) => name.toLowerCase() === 'content-length')?.[1] ?? 0);
  if (bytes.byteLength < end + 4 + length) return null;
  return { method, url, headers, body: bytes.slice(end + 4, end + 4 + length) };
}

export class HttpEndpoint implements Endpoint {
  private request = new Uint8Array();
  private response: Queue | null = null;

  constructor(private readonly fetchSync: (request: HttpRequest) => HttpResponse) {}

  send(data: Uint8Array): void {
    if (this.response) return;
    const joined = new Uint8Array(this.request.byteLength + data.byteLength);
    joined.set(this.request);
    joined.set(data, this.request.byteLength);
    this.request = joined;
  }

  receive(max: number): Uint8Array {
    if (!this.response) {
      const request = parseRequest(this.request);
      this.response = new Queue();
      const { status, statusText, body } = request
        ? this.fetchSync(request)
        : { status: 400, statusText: 'Bad Request', body: new TextEncoder().encode('incomplete HTTP request\n') };
      this.response.push(new TextEncoder().encode(`HTTP/1.1 ${status} ${statusText}\r\nContent-Length: ${body.byteLength}\r\n\r\n`));
      this.response.push(body);
    }
    return this.response.take(max);
  }
}
