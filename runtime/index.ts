/**
 * Faaslet Playground runtime: the only door the app uses.
 *
 * The runtime lives in a host agent Worker (cluster/cluster.worker.ts) that owns the toolchain
 * Worker, the function store and the pool of Faaslet Workers. The page talks to it over
 * comlink; events (toolchain progress, call output, call results) come back through one
 * subscription. Nothing here touches the DOM beyond `crossOriginIsolated`.
 */
import * as Comlink from 'comlink';
import type { RuntimeApi, RuntimeEvent } from './api';

export type * from './api';
export { isolationProblem, type IsolationProblem } from './isolation';
export { LocalTierReader, type ArenaKeyInfo, type DirtyState } from './state';
export { SHARED_WINDOW_BASE } from './host/memory';
export { changedPages } from './proto/diff';
export { PAGE_SIZE } from './proto/image';
export { toolchainIsCached } from './toolchain/cache-state';
export { checkLimits, DEFAULT_LIMITS, MAX_MEMORY_LIMIT_MIB } from './cluster/limits';
export {
  DEFAULT_ENDPOINTS,
  deploySteps,
  invokeOnFaasm,
  invokeRequest,
  type DeploySteps,
  type FaasmCall,
  type FaasmCallResult,
  type FaasmEndpoints,
} from './export/deploy-api';

export interface RuntimeConnection {
  api: Comlink.Remote<RuntimeApi>;
  /** Listen to runtime events; returns an unsubscribe function. */
  onEvent(listener: (event: RuntimeEvent) => void): () => void;
  dispose(): void;
}

export interface RuntimeOptions {
  /** Force the await mechanism; the mailbox is what browsers without JSPI get. */
  awaitMode?: 'jspi' | 'mailbox';
  /** Force private copies for state pointers, as browsers without multi-memory get. */
  stateMapping?: 'zero-copy' | 'copy';
}

export async function connectRuntime(options: RuntimeOptions = {}): Promise<RuntimeConnection> {
  const worker = new Worker(new URL('./cluster/cluster.worker.ts', import.meta.url), {
    type: 'module',
    name: 'faasm-host',
  });
  const api = Comlink.wrap<RuntimeApi>(worker);
  const listeners = new Set<(event: RuntimeEvent) => void>();
  await api.subscribe(
    Comlink.proxy((event: RuntimeEvent) => {
      for (const listener of listeners) listener(event);
    }),
  );
  if (options.awaitMode) await api.setAwaitMode(options.awaitMode);
  if (options.stateMapping) await api.setStateMapping(options.stateMapping);
  return {
    api,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      api[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
}
