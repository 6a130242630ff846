/**
 * Dirty chunks: one bit per DIRTY_CHUNK_BYTES of the arena (layout.ts), so a partial push moves
 * the chunks flagged since the last push and nothing between them. Faasm keeps a dirty mask per
 * value for the same reason (StateKeyValue::flagChunkDirty, pushPartial); one bit per 64 bytes
 * costs 1/512 of the arena instead of a byte per byte. A key's bits are found from its offset, so
 * the per-key record needs no field. Values start on chunk boundaries, so no bit is shared by two
 * keys, but a 32-bit word is: bits are set with Atomics.or and taken with Atomics.and on the
 * key's own bits only, by any number of Faaslets at once, without a lock.
 */
import { DIRTY_CHUNK_BYTES, type Meta } from './layout';

/** A dirty byte range of a value, relative to its start. */
export interface DirtyRange {
  offset: number;
  length: number;
}

/** Chunk indices [first, end) of the arena covering bytes [start, start + length). */
const chunksOf = (start: number, length: number) => ({
  first: Math.floor(start / DIRTY_CHUNK_BYTES),
  end: Math.ceil((start + length) / DIRTY_CHUNK_BYTES),
});

/** Calls `body` for each bitmap word the chunks touch, with the mask of those chunks' bits in it. */
function eachWord(first: number, end: number, body: (word: number, mask: number) => void): void {
  for (let chunk = first; chunk < end; ) {
    const word = chunk >>> 5;
    const upTo = Math.min(end, (word + 1) << 5);
    const width = upTo - chunk;
    const mask = width === 32 ? -1 : ((1 << width) - 1) << (chunk & 31);
    body(word, mask);
    chunk = upTo;
  }
}

/** Flag bytes [offset, offset + length) of the value at `valueOffset` dirty. */
export function flagChunks(meta: Meta, valueOffset: number, offset: number, length: number): void {
  const { first, end } = chunksOf(valueOffset + offset, length);
  eachWord(first, end, (word, mask) => Atomics.or(meta.dirty, word, mask));
}

/**
 * The value's dirty ranges, in order, merged where chunks touch and cut at its size. With `take`
 * they are cleared in the same atomic step, so a flag set meanwhile is kept for the next push.
 */
export function dirtyRanges(meta: Meta, valueOffset: number, size: number, take: boolean): DirtyRange[] {
  const { first, end } = chunksOf(valueOffset, size);
  const ranges: DirtyRange[] = [];
  eachWord(first, end, (word, mask) => {
    const bits = (take ? Atomics.and(meta.dirty, word, ~mask) : Atomics.load(meta.dirty, word)) & mask;
    for (let bit = 0; bit < 32 && bits >>> bit !== 0; bit++) {
      if (!((bits >>> bit) & 1)) continue;
      const start = (word * 32 + bit) * DIRTY_CHUNK_BYTES - valueOffset;
      const last = ranges.at(-1);
      if (last && last.offset + last.length === start) last.length += DIRTY_CHUNK_BYTES;
      else ranges.push({ offset: start, length: DIRTY_CHUNK_BYTES });
    }
  });
  const last = ranges.at(-1);
  if (last) last.length = Math.min(last.length, size - last.offset);
  return ranges;
}
