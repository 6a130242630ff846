/**
 * Bump allocation in the arena memory. Values are never freed (a key's size is fixed and keys are
 * never deleted), so a bump pointer is all we need and never fragments.
 */
import { StateError } from './errors';
import { DIRTY_CHUNK_BYTES, H, type Meta } from './layout';

/**
 * Every value starts on a 64-byte boundary: a cache line, so two keys written by different
 * Faaslets never share one (no false sharing), and any wasm load, SIMD or atomic on the value's
 * start is naturally aligned, and no dirty chunk (layout.ts) holds bytes of two keys. The cost is
 * at most 63 bytes per key.
 */
export const ALIGNMENT = DIRTY_CHUNK_BYTES;
export const PAGE_BYTES = 65536;

/** Reserve `bytes` for `what`; hold the table mutex. Grows the shared memory if needed. */
export function allocate(meta: Meta, memory: WebAssembly.Memory, bytes: number, what: string): number {
  const top = meta.header(H.TOP);
  const quota = meta.header(H.QUOTA);
  const offset = Math.ceil(top / ALIGNMENT) * ALIGNMENT;
  const end = offset + bytes;
  if (end > quota) {
    throw new StateError(
      `state arena quota exceeded: ${what} needs ${bytes} bytes, but ${top} of the arena's ${quota} bytes are in use`,
    );
  }
  // Shared memory grows for every Worker at once; each sees it through a fresh `.buffer`.
  const have = memory.buffer.byteLength;
  if (end > have) {
    try {
      memory.grow(Math.ceil((end - have) / PAGE_BYTES));
    } catch (error) {
      throw new StateError(`cannot grow the state arena to ${end} bytes for ${what}: ${String(error)}`);
    }
  }
  meta.setHeader(H.TOP, end);
  return offset;
}
