/**
 * A Proto-Faaslet image: memory 0 as it was after initialisation, plus the module's mutable
 * globals, for the module it was taken from. Only the non-zero 4 KiB blocks are kept (as
 * extents of consecutive blocks), so an idle image of a small function costs kilobytes, not the
 * 4 MiB of mostly-zero stack every C function has. The bytes live in a SharedArrayBuffer: any
 * Worker that receives the image copies from the same bytes, none is copied on the way.
 */

/** Wasm's page: memory sizes and page diffs are counted in these. */
export const PAGE_SIZE = 65536;
/** Granularity of the zero check: small enough that scattered data costs little. */
export const BLOCK_SIZE = 4096;

export type GlobalValue = number | bigint;

export interface ProtoImage {
  /** SHA-256 (hex) of the module's wasm: an image restores only into that module. */
  fingerprint: string;
  /** Memory 0's size when the image was taken, bytes (whole pages). */
  memoryBytes: number;
  /** [offset, length] pairs, in bytes, of the non-zero extents of memory 0, ascending. */
  extents: Uint32Array;
  /** The extents' bytes back to back; everything else in memory 0 was zero. */
  data: Uint8Array;
  /** Mutable global values by export name (the toolchain exports them all). */
  globals: Record<string, GlobalValue>;
  createdAt: number;
}

export class ProtoImageError extends Error {
  override name = 'ProtoImageError';
}

const shortHash = (fingerprint: string) => fingerprint.slice(0, 12);

/** Refuses an image taken from another module, saying which two. */
export function checkImageFor(image: ProtoImage, fingerprint: string, what = 'this module'): void {
  if (image.fingerprint !== fingerprint) {
    throw new ProtoImageError(
      `Proto-Faaslet image of module ${shortHash(image.fingerprint)} does not match ${what} (${shortHash(fingerprint)}): ` +
        'it was taken before a rebuild or from another function',
    );
  }
}

function blockIsZero(words: Int32Array, block: number): boolean {
  const perBlock = BLOCK_SIZE / 4;
  for (let i = block * perBlock, end = i + perBlock; i < end; i++) if (words[i] !== 0) return false;
  return true;
}

/** Image of `memory` (memory 0's bytes, whole pages) and `globals`, for module `fingerprint`. */
export function captureImage(
  memory: Uint8Array,
  globals: Record<string, GlobalValue>,
  fingerprint: string,
): ProtoImage {
  if (memory.byteOffset !== 0 || memory.byteLength % PAGE_SIZE !== 0) {
    throw new ProtoImageError('capture needs the whole of memory 0');
  }
  const words = new Int32Array(memory.buffer, 0, memory.byteLength / 4);
  const ranges: number[] = [];
  let bytes = 0;
  for (let block = 0, blocks = memory.byteLength / BLOCK_SIZE; block < blocks; block++) {
    if (blockIsZero(words, block)) continue;
    const offset = block * BLOCK_SIZE;
    const last = ranges.length - 2;
    if (last >= 0 && ranges[last]! + ranges[last + 1]! === offset) ranges[last + 1]! += BLOCK_SIZE;
    else ranges.push(offset, BLOCK_SIZE);
    bytes += BLOCK_SIZE;
  }
  const extents = new Uint32Array(new SharedArrayBuffer(ranges.length * 4));
  extents.set(ranges);
  const data = new Uint8Array(new SharedArrayBuffer(bytes));
  for (let i = 0, at = 0; i < extents.length; i += 2) {
    const [offset, length] = [extents[i]!, extents[i + 1]!];
    data.set(memory.subarray(offset, offset + length), at);
    at += length;
  }
  return { fingerprint, memoryBytes: memory.byteLength, extents, data, globals: { ...globals }, createdAt: Date.now() };
}

/**
 * Makes `memory` (all of memory 0) equal to the image: copy the extents, zero everything else,
 * including what lies past the image when the memory has grown since. `zero` may be a faster
 * zeroing for that memory (zero-fill.ts).
 */
export function restoreImage(
  image: ProtoImage,
  memory: Uint8Array,
  zero: (from: number, to: number) => void = (from, to) => memory.fill(0, from, to),
): void {
  if (memory.byteLength < image.memoryBytes) {
    throw new ProtoImageError(
      `memory 0 has ${memory.byteLength / PAGE_SIZE} pages; the image needs ${image.memoryBytes / PAGE_SIZE}`,
    );
  }
  const { extents, data } = image;
  let cleanFrom = 0;
  for (let i = 0, at = 0; i < extents.length; i += 2) {
    const [offset, length] = [extents[i]!, extents[i + 1]!];
    if (offset > cleanFrom) zero(cleanFrom, offset);
    memory.set(data.subarray(at, at + length), offset);
    at += length;
    cleanFrom = offset + length;
  }
  if (cleanFrom < memory.byteLength) zero(cleanFrom, memory.byteLength);
}

/**
 * The image with its bytes in new SharedArrayBuffers of its own, from shared or plain views
 * (IndexedDB hands back plain ones).
 */
export function cloneImage(image: ProtoImage): ProtoImage {
  const extents = new Uint32Array(new SharedArrayBuffer(image.extents.byteLength));
  extents.set(image.extents);
  const data = new Uint8Array(new SharedArrayBuffer(image.data.byteLength));
  data.set(image.data);
  return { ...image, extents, data, globals: { ...image.globals } };
}

/** Bytes one image holds: its non-zero data plus the extent table. */
export const imageBytes = (image: ProtoImage) => image.data.byteLength + image.extents.byteLength;

/** Indices of the 64 KiB pages that hold non-zero bytes in the image. */
export function imagePages(image: ProtoImage): number[] {
  const pages = new Set<number>();
  for (let i = 0; i < image.extents.length; i += 2) {
    const offset = image.extents[i]!;
    const end = offset + image.extents[i + 1]!;
    for (let page = Math.floor(offset / PAGE_SIZE); page * PAGE_SIZE < end; page++) pages.add(page);
  }
  return [...pages];
}
