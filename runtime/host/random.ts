/**
 * `random_get` from crypto.getRandomValues. It fills at most 65536 bytes per call and refuses a
 * view on a SharedArrayBuffer (memory 0 is shared), so each chunk is filled privately and copied.
 */
const CHUNK = 65536;

export function fillRandom(target: Uint8Array, source: (chunk: Uint8Array<ArrayBuffer>) => void = (c) => crypto.getRandomValues(c)): void {
  const chunk = new Uint8Array(Math.min(CHUNK, target.byteLength));
  for (let at = 0; at < target.byteLength; at += CHUNK) {
    const part = chunk.subarray(0, Math.min(CHUNK, target.byteLength - at));
    source(part);
    target.set(part, at);
  }
}
