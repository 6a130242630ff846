/** A module's fingerprint: SHA-256 of its wasm, hex. Images carry it so a stale one is refused. */
export async function moduleFingerprint(wasm: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', wasm as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
