/**
 * Putting the key table back in order after the Faaslet holding its mutex died. Only a crash can
 * stop a Faaslet there (no poll or wait sits inside the mutex, faaslet/control.ts), at any
 * instruction; what the mutex guards is written so a cut leaves something this file can mend:
 *
 * - a new key publishes its hash last (table.ts): a cut record is invisible; only the key count,
 *   bumped after the hash, can lag, and is recounted here;
 * - a new value sets HAS_VALUE last (arena.ts): a cut one is a key without a value, which the
 *   next `ensure` gives one; the bytes it reserved stay unused (the bump allocator never frees).
 *
 * Appended state, once the third structure here, is in the global tier (runtime/global/appended.ts).
 */
import { H, type Meta } from './layout';
import { usedSlots } from './table';

export function recoverTable(meta: Meta): void {
  meta.setHeader(H.KEYS, usedSlots(meta).length);
}
