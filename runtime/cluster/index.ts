/**
 * The cluster: the host agent the page talks to, and the simulated hosts it runs calls on.
 *
 * - cluster.worker.ts: the agent's Worker entry (comlink).
 * - agent.ts: RuntimeApi: build → upload → call; functions.ts keeps uploads in IndexedDB.
 * - invoker.ts: a call's life; chained calls and awaits from Faaslets; calls.ts the call table.
 * - cluster.ts: hosts, slots, Faaslets and the queue; scheduler.ts the pure placement rule.
 * - faaslet-handle.ts: one Faaslet Worker's supervisor: time limit, Stop, crash, replacement.
 * - results.ts: Faasm's return-code and output conventions.
 * - protos.ts: Proto-Faaslets (runtime/proto): the snapshot store, start counts, manual snapshots.
 *
 * Pitfalls: a Faaslet blocked in await holds no slot (else a chain deeper than the slots
 * would deadlock), so Workers beyond the slots may start, up to MAX_LIVE_FAASLETS.
 */
export { HostAgent, DEFAULT_CPU_TIME_LIMIT_MS, DEFAULT_CLUSTER } from './agent';
export { checkLimits, DEFAULT_LIMITS, MAX_MEMORY_LIMIT_MIB } from './limits';
export { Cluster, MAX_LIVE_FAASLETS } from './cluster';
