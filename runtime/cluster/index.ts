/**
 * The cluster: the host agent that the page talks to, its function store, and the pool of
 * Faaslet Workers it runs calls in.
 *
 * - cluster.worker.ts: the agent's Worker entry (comlink).
 * - agent.ts: RuntimeApi: build → upload → call, events to the page.
 * - pool.ts: pre-spawned Faaslet Workers, queueing, time limits, Stop, replacement.
 * - results.ts: Faasm's return-code and output conventions.
 */
export { HostAgent, DEFAULT_CPU_TIME_LIMIT_MS, DEFAULT_MEMORY_LIMIT_PAGES } from './agent';
export { FaasletPool, type PoolOutcome } from './pool';
