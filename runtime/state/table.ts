/**
 * The key directory: open addressing with linear probing over the fixed slots of the metadata
 * SAB. Keys are never deleted, so a probe may stop at the first empty slot, and lookups need no
 * lock: an inserter writes the name first and publishes the hash last.
 */
import { StateError } from './errors';
import { H, type Meta, R } from './layout';

const encoder = new TextEncoder();

export interface KeyName {
  readonly key: string;
  readonly bytes: Uint8Array;
  readonly hash: number;
}

/** FNV-1a; never 0, because 0 marks an empty slot. */
function hashBytes(bytes: Uint8Array): number {
  let hash = 0x811c_9dc5;
  for (const byte of bytes) hash = Math.imul(hash ^ byte, 0x0100_0193);
  return hash | 0 || 1;
}

export function keyName(meta: Meta, key: string): KeyName {
  const bytes = encoder.encode(key);
  if (bytes.byteLength > meta.keyBytes) {
    throw new StateError(`key "${key}" is ${bytes.byteLength} bytes long; keys may be at most ${meta.keyBytes}`);
  }
  return { key, bytes, hash: hashBytes(bytes) };
}

function nameMatches(meta: Meta, slot: number, name: KeyName): boolean {
  if (meta.get(slot, R.NAME_LEN) !== name.bytes.byteLength) return false;
  const stored = meta.name(slot);
  return name.bytes.every((byte, i) => stored[i] === byte);
}

/** The slot holding `name`, or the empty slot where it would go (as `-1 - slot`). */
function probe(meta: Meta, name: KeyName): number {
  const start = (name.hash >>> 0) % meta.slots;
  for (let n = 0; n < meta.slots; n++) {
    const slot = (start + n) % meta.slots;
    const hash = meta.get(slot, R.HASH);
    if (hash === 0) return -1 - slot;
    if (hash === name.hash && nameMatches(meta, slot, name)) return slot;
  }
  return -1 - meta.slots;
}

/** The key's slot, or -1. Safe without the mutex. */
export function findSlot(meta: Meta, name: KeyName): number {
  const slot = probe(meta, name);
  return slot >= 0 ? slot : -1;
}

/** Fails unless the table can take one more key. Hold the table mutex. */
export function assertRoom(meta: Meta, name: KeyName): void {
  if (meta.header(H.KEYS) >= meta.slots) {
    throw new StateError(`cannot create key "${name.key}": the key table is full (${meta.slots} keys)`);
  }
}

/** The key's slot, inserting a record without a value if it is new. Hold the table mutex. */
export function findOrInsertSlot(meta: Meta, name: KeyName): number {
  const found = probe(meta, name);
  if (found >= 0) return found;
  assertRoom(meta, name);
  const slot = -1 - found;
  meta.name(slot).set(name.bytes);
  meta.set(slot, R.NAME_LEN, name.bytes.byteLength);
  meta.set(slot, R.HASH, name.hash);
  meta.setHeader(H.KEYS, meta.header(H.KEYS) + 1);
  return slot;
}

/** Every used slot, in slot order. */
export function usedSlots(meta: Meta): number[] {
  const slots: number[] = [];
  for (let slot = 0; slot < meta.slots; slot++) if (meta.get(slot, R.HASH) !== 0) slots.push(slot);
  return slots;
}

export function slotKey(meta: Meta, slot: number): string {
  return new TextDecoder().decode(meta.name(slot).slice(0, meta.get(slot, R.NAME_LEN)));
}
