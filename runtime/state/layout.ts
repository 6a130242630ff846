/**
 * The arena's metadata: one SharedArrayBuffer of little-endian i32 words (then name bytes), so
 * posting it to a Worker hands over the whole key table and every lock with it. Nothing about the
 * arena lives in JS objects that could diverge between Workers.
 *
 * ```
 * words [0, 8)                   header: MAGIC, MUTEX, KEYS, TOP, QUOTA, SLOTS, KEY_BYTES, HOLDER
 * words [8, 8 + 7·SLOTS)         one record per slot (fields R below)
 * next SLOTS words               one reader-writer lock word per slot (0 free, n readers, -1 writer)
 * bytes, KEY_BYTES per slot      the key's UTF-8 name
 * words, one bit per chunk       the dirty chunks (dirty.ts): bit n is arena bytes [64n, 64n + 64)
 * ```
 */

/** Marks a buffer as an arena's metadata, so attaching a foreign SAB fails loudly. */
export const MAGIC = 0x5354_4131;

/** Header word indices. */
/** HOLDER: who holds MUTEX (a Faaslet id, or HOST_HOLDER), so a dead holder's mutex can be recovered. */
export const H = { MAGIC: 0, MUTEX: 1, KEYS: 2, TOP: 3, QUOTA: 4, SLOTS: 5, KEY_BYTES: 6, HOLDER: 7 } as const;
/** The holder recorded for an arena attached outside a Faaslet (the host agent, tests). */
export const HOST_HOLDER = -1;
const HEADER_WORDS = 8;

/** Record field indices; HASH is written last, so a reader who sees it sees the whole record. */
export const R = {
  HASH: 0,
  NAME_LEN: 1,
  FLAGS: 2,
  OFFSET: 3,
  SIZE: 4,
  VERSION: 5,
  /** The global version this local copy was last pulled or pushed at (0: never). */
  GLOBAL_VERSION: 6,
} as const;
type Field = (typeof R)[keyof typeof R];
const RECORD_WORDS = 7;

/** FLAGS bits. */
export const HAS_VALUE = 1;
export const DIRTY_WHOLE = 2;

/** Bytes of arena per dirty bit: ALIGNMENT, so no chunk holds bytes of two keys. */
export const DIRTY_CHUNK_BYTES = 64;

const namesStart = (slots: number) => (HEADER_WORDS + slots * (RECORD_WORDS + 1)) * 4;
/** The dirty bitmap starts on a word after the names. */
const dirtyStart = (slots: number, keyBytes: number) => Math.ceil((namesStart(slots) + slots * keyBytes) / 4) * 4;
const dirtyWords = (quota: number) => Math.ceil(quota / DIRTY_CHUNK_BYTES / 32);

export function metaByteLength(slots: number, keyBytes: number, quota: number): number {
  return dirtyStart(slots, keyBytes) + dirtyWords(quota) * 4;
}

/** Typed views over one metadata SAB. Cheap to build; every Worker builds its own. */
export class Meta {
  readonly words: Int32Array;
  readonly names: Uint8Array;
  /** One bit per DIRTY_CHUNK_BYTES of the arena, set and taken with Atomics. */
  readonly dirty: Int32Array;
  readonly slots: number;
  readonly keyBytes: number;

  constructor(readonly buffer: SharedArrayBuffer) {
    this.words = new Int32Array(buffer);
    this.slots = this.words[H.SLOTS] ?? 0;
    this.keyBytes = this.words[H.KEY_BYTES] ?? 0;
    this.names = new Uint8Array(buffer, namesStart(this.slots), this.slots * this.keyBytes);
    this.dirty = new Int32Array(buffer, dirtyStart(this.slots, this.keyBytes), dirtyWords(this.words[H.QUOTA] ?? 0));
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
