/**
 * Putting the key table back in order after the Faaslet holding its mutex died. Only a crash can
 * stop a Faaslet there (no poll or wait sits inside the mutex, faaslet/control.ts), at any
 * instruction; each structure under the mutex is written so a cut leaves something this file
 * can roll back:
 *
 * - a new key publishes its hash last (table.ts): a cut record is invisible; only the key count,
 *   bumped after the hash, can lag, and is recounted here;
 * - a new value sets HAS_VALUE last (arena.ts): a cut one is a key without a value, which the
 *   next `ensure` gives one; the bytes it reserved stay unused (the bump allocator never frees);
 * - an append writes its element, then the chunk's used bytes, then the record's count: the
 *   count is the commit point, so whatever lies past the count-th element is cut off here.
 */
import { rollBackAppended } from './appended';
import { H, type Meta } from './layout';
import { usedSlots } from './table';

export function recoverTable(meta: Meta, memory: WebAssembly.Memory): void {
  const slots = usedSlots(meta);
  meta.setHeader(H.KEYS, slots.length);
  for (const slot of slots) rollBackAppended(meta, memory, slot);
}
