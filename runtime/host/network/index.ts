/**
 * Client-side sockets over a virtual interface (issue 8, row "network").
 *
 * - endpoints.ts: the virtual endpoints ("echo", "http") as byte streams.
 * - http-proxy.ts: the "http" endpoint's synchronous transport (XMLHttpRequest in the Worker).
 * - shaper.ts: per-function bandwidth shaping, and the blocking sleep it uses.
 * - socket.ts: a socket as a WASI descriptor; imports.ts: the host calls.
 *
 * Pitfalls: a host import must answer before returning, in both await modes, so the HTTP proxy
 * cannot use fetch(); CORS and COEP still apply to it.
 */
export { networkImports, socketWasiImports, type NetworkContext } from './imports';
export { Shaper } from './shaper';
export { xhrFetchSync } from './http-proxy';
