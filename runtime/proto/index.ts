/**
 * # Proto-Faaslets
 *
 * Faasm snapshots a Faaslet right after its initialisation (static constructors, then
 * `_faasm_zygote`) and starts every later Faaslet of that function from the snapshot instead of
 * initialising again; every call starts from that post-zygote state (ABI.md, Lifecycle).
 * Here an image is memory 0's non-zero bytes plus the mutable globals, tagged with the module's
 * SHA-256 so it never restores into another build.
 *
 * Key files: `image.ts` (capture, restore, the image format), `zero-fill.ts` (wasm memset for
 * the zeroing a restore does), `globals.ts` (reading and
 * resetting globals through the exports toolchain/export-globals.ts adds), `diff.ts` (changed
 * 64 KiB pages), `store.ts` (one image per function, start counts), `persist.ts` (IndexedDB).
 * The lifecycle itself (cold → capture, restored, warm reset) is runtime/faaslet/start.ts.
 *
 * ## Pitfalls
 * - Restore after instantiation, never before: instantiating re-applies data segments and
 *   `__wasm_init_memory` zero-fills .bss over whatever was there.
 * - Memories never shrink. A Faaslet whose memory grew past its image gets a fresh memory (a
 *   'restored' start), since `memory.size` is visible to the program (sbrk) and must match.
 * - IndexedDB cannot hold SharedArrayBuffers: persist.ts copies both ways.
 * - The function table is not in the image: C code does not write it at run time.
 */
export {
  BLOCK_SIZE,
  PAGE_SIZE,
  ProtoImageError,
  captureImage,
  checkImageFor,
  cloneImage,
  imageBytes,
  imagePages,
  restoreImage,
  type GlobalValue,
  type ProtoImage,
} from './image';
export { changedPages } from './diff';
export { zeroFillFor, type ZeroFill } from './zero-fill';
export { readGlobals, writeGlobals } from './globals';
export { moduleFingerprint } from './fingerprint';
export { ProtoStore, imageInfo } from './store';
export { indexedDbPersistence, type ProtoPersistence } from './persist';
