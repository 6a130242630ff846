/**
 * The arena's metadata: one SharedArrayBuffer of little-endian i32 words (then name bytes), so
 * posting it to a Worker hands over the whole key table and every lock with it. Nothing about the
 * arena lives in JS objects that could diverge between Workers.
 *
 * ```
 * words [0, 8)                   header: MAGIC, MUTEX, KEYS, TOP, QUOTA, SLOTS, KEY_BYTES, 0
 * words [8, 8 + 12·SLOTS)        one record per slot (fields R below)
 * next SLOTS words               one reader-writer lock word per slot (0 free, n readers, -1 writer)
 * bytes, KEY_BYTES per slot      the key's UTF-8 name
 * ```
 */

/** Marks a buffer as an arena's metadata, so attaching a foreign SAB fails loudly. */
export const MAGIC = 0x5354_4131;

/** Header word indices. */
export const H = { MAGIC: 0, MUTEX: 1, KEYS: 2, TOP: 3, QUOTA: 4, SLOTS: 5, KEY_BYTES: 6 } as const;
const HEADER_WORDS = 8;

/** Record field indices; HASH is written last, so a reader who sees it sees the whole record. */
export const R = {
  HASH: 0,
  NAME_LEN: 1,
  FLAGS: 2,
  OFFSET: 3,
  SIZE: 4,
  VERSION: 5,
  DIRTY_START: 6,
  DIRTY_END: 7,
  APPEND_HEAD: 8,
  APPEND_TAIL: 9,
  APPEND_COUNT: 10,
  APPEND_BYTES: 11,
} as const;
type Field = (typeof R)[keyof typeof R];
const RECORD_WORDS = 12;

/** FLAGS bits. */
export const HAS_VALUE = 1;
export const DIRTY_WHOLE = 2;
/** DIRTY_START of a clean range, so that min/max merging needs no special case. */
export const CLEAN_START = 0x7fff_ffff;
/** An absent arena offset (no appended chunk yet). */
export const NONE = -1;

export function metaByteLength(slots: number, keyBytes: number): number {
  return (HEADER_WORDS + slots * (RECORD_WORDS + 1)) * 4 + slots * keyBytes;
}

/** Typed views over one metadata SAB. Cheap to build; every Worker builds its own. */
export class Meta {
  readonly words: Int32Array;
  readonly names: Uint8Array;
  readonly slots: number;
  readonly keyBytes: number;

  constructor(readonly buffer: SharedArrayBuffer) {
    this.words = new Int32Array(buffer);
    this.slots = this.words[H.SLOTS] ?? 0;
    this.keyBytes = this.words[H.KEY_BYTES] ?? 0;
    this.names = new Uint8Array(buffer, (HEADER_WORDS + this.slots * (RECORD_WORDS + 1)) * 4);
  }

  header(index: number): number {
    return Atomics.load(this.words, index);
  }

  setHeader(index: number, value: number): void {
    Atomics.store(this.words, index, value);
  }

  get(slot: number, field: Field): number {
    return Atomics.load(this.words, HEADER_WORDS + slot * RECORD_WORDS + field);
  }

  set(slot: number, field: Field, value: number): void {
    Atomics.store(this.words, HEADER_WORDS + slot * RECORD_WORDS + field, value);
  }

  add(slot: number, field: Field, value: number): void {
    Atomics.add(this.words, HEADER_WORDS + slot * RECORD_WORDS + field, value);
  }

  /** Index into `words` of a field, for Atomics the helpers above do not cover. */
  index(slot: number, field: Field): number {
    return HEADER_WORDS + slot * RECORD_WORDS + field;
  }

  lockIndex(slot: number): number {
    return HEADER_WORDS + this.slots * RECORD_WORDS + slot;
  }

  name(slot: number): Uint8Array {
    return this.names.subarray(slot * this.keyBytes, (slot + 1) * this.keyBytes);
  }
}
