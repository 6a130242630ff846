/**
 * Faaslet Playground runtime: the only door the app uses.
 *
 * The runtime lives in a host agent Worker (cluster/cluster.worker.ts) that owns the toolchain
 * Worker, the function store and the pool of Faaslet Workers. The page talks to it over
 * comlink; events (toolchain progress, call output, call results) come back through one
 * subscription. Nothing here touches the DOM beyond `crossOriginIsolated`. The agent is
 * supervised: if it dies, calls in flight fail with a message and a new agent takes over.
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
export { RUNTIME_IMPORTS } from './host/abi';
export { FUEL_GLOBAL_EXPORT, FUEL_UNITS_PER_MS } from './faaslet/fuel';

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

/** What the page needs of one host agent Worker. */
interface Agent {
  worker: Worker;
  remote: Comlink.Remote<RuntimeApi>;
}

type AnyCall = (...args: unknown[]) => Promise<unknown>;

/**
 * Starts the host agent and supervises it: if its Worker fails (an error nothing in it caught,
 * or a message that cannot be read), every call in flight rejects with a message saying so, a
 * new agent starts with the same options and listeners, and a `runtime.restarted` event tells
 * the page. Calls made while it restarts wait for the new agent.
 */
export async function connectRuntime(options: RuntimeOptions = {}): Promise<RuntimeConnection> {
  const listeners = new Set<(event: RuntimeEvent) => void>();
  const emit = (event: RuntimeEvent) => {
    for (const listener of listeners) listener(event);
  };
  const relay = Comlink.proxy(emit);
  /** Rejections of the calls in flight, so a dead agent's calls do not hang for ever. */
  const inFlight = new Set<(error: Error) => void>();
  let restarting: Promise<void> | null = null;
  let disposed = false;

  const startAgent = async (): Promise<Agent> => {
    const worker = new Worker(new URL('./cluster/cluster.worker.ts', import.meta.url), {
      type: 'module',
      name: 'faasm-host',
    });
    const remote = Comlink.wrap<RuntimeApi>(worker);
    worker.onerror = (event) => {
      event.preventDefault();
      restart(event.message || 'its Worker failed');
    };
    worker.onmessageerror = () => restart('a message from it could not be read');
    await remote.subscribe(relay);
    if (options.awaitMode) await remote.setAwaitMode(options.awaitMode);
    if (options.stateMapping) await remote.setStateMapping(options.stateMapping);
    return { worker, remote };
  };

  let agent = await startAgent();

  function restart(reason: string): void {
    if (disposed || restarting) return;
    const dead = agent;
    const message = `the runtime's host agent stopped (${reason}); a new one was started. Calls that were running failed: run them again`;
    restarting = (async () => {
      dead.remote[Comlink.releaseProxy]();
      dead.worker.terminate();
      for (const fail of inFlight) fail(new Error(message));
      inFlight.clear();
      for (let attempt = 1; ; attempt++) {
        try {
          agent = await startAgent();
          break;
        } catch (error) {
          emit({ type: 'runtime.error', message: `starting a new host agent failed (attempt ${attempt}): ${String(error)}` });
          await new Promise((resolve) => setTimeout(resolve, Math.min(5000, 250 * attempt)));
        }
      }
      emit({ type: 'runtime.restarted', message, at: performance.timeOrigin + performance.now() });
    })().finally(() => {
      restarting = null;
    });
  }

  const call = (name: string, args: unknown[]) =>
    new Promise<unknown>((resolve, reject) => {
      inFlight.add(reject);
      (async () => {
        if (restarting) await restarting;
        return (agent.remote[name as keyof RuntimeApi] as unknown as AnyCall)(...args);
      })()
        .then(resolve, reject)
        .finally(() => inFlight.delete(reject));
    });
  // The page keeps one `api` whichever agent serves it; every method goes through `call`.
  const api = new Proxy({} as Comlink.Remote<RuntimeApi>, {
    get: (_target, name) => (typeof name === 'string' && name !== 'then' ? (...args: unknown[]) => call(name, args) : undefined),
  });
  return {
    api,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      disposed = true;
      agent.remote[Comlink.releaseProxy]();
      agent.worker.terminate();
    },
  };
}
