/**
 * Runtime events reach the store in batches, at most one per BATCH_MS and on an animation frame:
 * a run of 1,000 calls sends thousands of events, and each batch is one store update (one render,
 * one repaint of the views), not thousands. The page shares the machine's cores with the
 * Faaslets, so the views follow a run at 10 Hz rather than at the display's rate.
 */
import type { ClusterView, FunctionInfo, RuntimeEvent } from '../../runtime';
import { applyGlobalChanges } from './global';
import { finishCall, stopById } from './run';
import { applyEvents } from './trace';
import type { GetState, PlaygroundState, SetState } from './types';

const BATCH_MS = 100;

export interface EventPump {
  push(event: RuntimeEvent): void;
  /** Applies what is queued now: a new run must not take the last run's late events as its own. */
  flush(): void;
}

export function eventPump(set: SetState, get: GetState): EventPump {
  let queue: RuntimeEvent[] = [];
  let scheduled = false;
  let flushedAt = -Infinity;
  const flush = () => {
    scheduled = false;
    if (queue.length === 0) return;
    flushedAt = performance.now();
    const batch = queue;
    queue = [];
    applyBatch(set, get, batch);
  };
  const push = (event: RuntimeEvent) => {
    queue.push(event);
    if (scheduled) return;
    scheduled = true;
    const wait = Math.max(0, flushedAt + BATCH_MS - performance.now());
    // Hidden tabs get no animation frames; the timer alone keeps the store current there.
    setTimeout(() => (document.hidden ? flush() : requestAnimationFrame(flush)), wait);
  };
  return { push, flush };
}

function applyBatch(set: SetState, get: GetState, batch: RuntimeEvent[]): void {
  const before = get();
  const trace = applyEvents(before.trace, batch);
  const globalChanges = batch.flatMap((event) => (event.type === 'state.global' ? [event.change] : []));
  const patch: Partial<PlaygroundState> = { trace, globalTier: applyGlobalChanges(before.globalTier, globalChanges) };
  let call = before.call;
  // The run's root is known once the runtime reports it; a Stop pressed before then applies now.
  if (call.phase === 'running' && call.callId === null && trace.rootId !== null) {
    call = { ...call, callId: trace.rootId };
    if (call.stopRequested) stopById(set, trace.rootId);
  }
  let cluster: ClusterView | undefined;
  let functions: FunctionInfo[] | undefined;
  for (const event of batch) {
    if (event.type === 'toolchain.progress') {
      patch.toolchain = { ...(patch.toolchain ?? before.toolchain), doneBytes: event.doneBytes, totalBytes: event.totalBytes };
    } else if (event.type === 'toolchain.pch') {
      patch.pch = event.pch;
    } else if (event.type === 'call.output' && call.phase === 'running' && event.callId === call.callId) {
      call = { ...call, [event.stream]: call[event.stream] + event.text };
    } else if (event.type === 'cluster.changed') {
      cluster = event.cluster;
    } else if (event.type === 'functions.changed') {
      functions = event.functions;
    } else if (event.type === 'proto.changed') {
      patch.protos = event.protos;
    } else if (event.type === 'runtime.restarted' || event.type === 'runtime.error') {
      patch.runtime = { ...(patch.runtime ?? before.runtime), error: event.message };
    } else if (event.type === 'state.tier') {
      const tiers = patch.localTiers ?? before.localTiers;
      const known = tiers.some((t) => t.host === event.tier.host && t.user === event.tier.user);
      if (!known) patch.localTiers = [...tiers, event.tier];
    }
  }
  if (cluster) patch.clusterView = cluster;
  if (functions) patch.uploaded = functions;
  if (before.selectedCallId === null && trace.rootId !== null) patch.selectedCallId = trace.rootId;
  set({ ...patch, call });
  for (const event of batch) {
    if (event.type !== 'call.finished') continue;
    // Only this run's root ends the run; any other result is a child's, or an earlier run's.
    if (event.result.callId === trace.rootId) finishCall(set, get, event.result);
    void get().refreshInspection(event.result.faaslet);
  }
  // Start counts change with every call, without an event of their own: once per finished run.
  if (batch.some((e) => e.type === 'call.finished' && e.result.parentId === null)) void get().refreshProtos();
}
