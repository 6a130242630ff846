/**
 * # State: the local tier
 *
 * One **state arena** per (simulated) host and user: a shared `WebAssembly.Memory` that every
 * Faaslet of that user on that host imports as memory 1, so `faasmReadStatePtr` hands out
 * `0x8000_0000 + offset` and writes through it are seen by all of them at once, with no copy
 * (DESIGN.md, "Address space of a Faaslet"). The key table, bump pointer and lock words live in
 * one metadata SharedArrayBuffer, so the arena can be posted to any number of Workers.
 *
 * Key files:
 * - arena.ts: `StateArena` (create, attach, ensure/find/require a key, views, dirty flags, locks).
 * - dirty.ts: dirty chunks, one bit per 64 bytes, set and taken with Atomics.
 * - layout.ts: the metadata SAB layout. table.ts: the lock-free key lookup. alloc.ts: 64-byte
 *   aligned bump allocation, growth and quota. locks.ts: the table mutex and per-key RW locks.
 * - describe.ts + reader.ts: the read-only view for the UI. recover.ts: the table after a dead
 *   mutex holder. Appended state is not here: it is in the global tier (runtime/global/appended.ts).
 *
 * Wiring: the host agent makes one arena per (host, user) with `StateArena.create()` and posts
 * `arena.handle` ({ memory, meta }, both shared: nothing is copied) to each Faaslet Worker of that
 * user on that host. The Worker calls `StateArena.attach(handle)`, imports `handle.memory` as
 * memory 1, builds `new FaasletMemory(memory0, arena.memory)` so host calls resolve shared-window
 * pointers, and adds `stateImports(memory, arena, user)` (runtime/host/state.ts) to `env`.
 *
 * Pitfalls:
 * - Never keep a view of `arena.memory.buffer`: another Worker may grow the memory, and only a
 *   fresh `.buffer` has the new length. `bytes()` returns a view for immediate use.
 * - Creating a key and locking may block in `Atomics.wait`: Workers only. The main
 *   thread only reads (`describeArena`, `find`, `sizeOf`, `bytes`), which never blocks.
 * - A key's size is fixed forever. Locks a Faaslet leaves held (it was killed, or returned without
 *   unlocking) are released from its LockLedger (ledger.ts) by whoever ends the call.
 * - Every arena is a `WebAssembly.Memory` and counts towards the browser's ~123 per page.
 * - Keys are never deleted and the table has a fixed number of slots (`maxKeys`).
 */
export {
  ARENA_MAX_PAGES,
  StateArena,
  type DirtyState,
  type StateArenaHandle,
  type StateArenaOptions,
  type StateValue,
} from './arena';
export { ALIGNMENT } from './alloc';
export type { DirtyRange } from './dirty';
export { DIRTY_CHUNK_BYTES } from './layout';
export { describeArena, type ArenaKeyInfo } from './describe';
export { StateError } from './errors';
export { LocalTierReader } from './reader';
export { createLockLedger, LockLedger, type Released } from './ledger';
