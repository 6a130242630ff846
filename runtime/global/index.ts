/**
 * # The global tier
 *
 * Faasm's second tier of state (Redis there): values every host shares, moved to and from each
 * host's local tier by `push` and `pull`, with global read/write locks that serialise writers
 * across hosts. Here the global tier is IndexedDB (through `idb`), which every simulated host and
 * every tab of the origin shares and which survives a reload; the locks are Web Locks.
 *
 * ## Design: one service in the host agent, asked through the Faaslet's mailbox
 *
 * A push or pull is a host call: the wasm must block until it is done, but IndexedDB is async.
 * JSPI (Suspending imports, IndexedDB in the Faaslet's own Worker) would serve only browsers with
 * JSPI; in mailbox mode nothing can wait for IndexedDB inside the Worker that blocks. So there is
 * one design for both modes: the Faaslet posts a `global` request to the host agent and blocks in
 * Atomics.wait on its mailbox (host/global-tier.ts); the agent's GlobalTier does the transaction
 * and writes the reply. Besides serving both modes it means:
 * - No value is ever copied through a message: the agent holds every host's arena (shared
 *   memory) and copies between it and IndexedDB itself. Replies are a version or an error.
 * - Web Locks are held by the agent on behalf of a call (a Worker blocked in Atomics.wait could
 *   not run a lock callback), and released when the call ends however it ends, killed included
 *   (locks.ts; the browser also drops them if the agent's context dies).
 * - One IndexedDB connection per tab, not one per Faaslet Worker.
 * The cost is a cross-Worker round trip per request (~50 µs), small beside IndexedDB's own.
 *
 * ## Key files
 * - protocol.ts: the Faaslet → agent requests and the reply.
 * - tier.ts: `GlobalTier`, the agent's service (push, pull, locks, events, other tabs).
 * - values.ts: push and pull as one transaction each, over the `GlobalStore` interface (store.ts).
 * - chunks.ts: values are stored in 256 KiB chunks, so a partial push writes only what it touches.
 * - appended.ts: appended state, one sequence per key for all hosts (appended-idb.ts: its IndexedDB).
 * - idb-store.ts: the IndexedDB store. locks.ts: Web Locks per call. broadcast.ts: tab ↔ tab.
 *
 * ## Pitfalls
 * - Stores cannot keep views of shared memory: pushes copy out of the arena (slice) per chunk.
 * - A key's size is fixed by its first push; a host whose local value has another size is refused.
 * - A clean value is not pushed (Faasm's rule): flag writes made through pointers dirty first.
 * - A push clears the dirty flags before it copies, and restores them if the transaction fails.
 * - A call asking for a global lock that its own lock on the key excludes (write twice, read then
 *   write) is refused at once: it would wait for itself until killed.
 * - Waiting for a global lock counts against the call's CPU-time limit, as any blocked host call does.
 */
export { GlobalTier, failureMessage, type Asker, type GlobalTierOptions } from './tier';
export { GlobalLocks, type LockRequester, type ReleasedLock } from './locks';
export { IdbGlobalStore, GLOBAL_DB_NAME } from './idb-store';
export { IdbAppendedStore, APPENDED_DB_NAME } from './appended-idb';
export type { AppendedStore } from './appended';
export { openTabChannel, type TabChannel, type TabMessage } from './broadcast';
export { answerReply, replyAnswer, type GlobalLockMode, type GlobalReply, type GlobalRequest } from './protocol';
export type { GlobalStore } from './store';
