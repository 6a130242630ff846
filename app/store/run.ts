/** Run and Stop: one call from the page, whose chained calls the trace collects. */
import type { CallResult } from '../../runtime';
import { sendLimits } from './limits';
import { session } from './session';
import { emptyTrace } from './trace';
import type { CallView, GetState, PlaygroundState, SetState } from './types';
import { sourceOf } from './workspace';

export const idleCall: CallView = {
  phase: 'idle', function: null, callId: null, stopRequested: false, stdout: '', stderr: '', result: null, error: null,
};

const errorMessage = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function stopById(set: SetState, callId: number): void {
  session.connection?.api.stop(callId).catch((e: unknown) => set((s) => ({ call: { ...s.call, error: errorMessage(e) } })));
}

/** The root's result, from `api.call` or its `call.finished` event, whichever comes first. */
export function finishCall(set: SetState, get: GetState, result: CallResult): void {
  const { call } = get();
  if (call.phase !== 'running' || result.parentId !== null) return;
  if (call.callId !== null && call.callId !== result.callId) return;
  set({ call: { ...call, phase: 'done', callId: result.callId, result, stdout: result.stdout, stderr: result.stderr } });
}

type RunActions = Pick<PlaygroundState, 'runFunction' | 'buildAndRun' | 'stopCall'>;

export function runActions(set: SetState, get: GetState): RunActions {
  const patchCall = (patch: Partial<CallView>) => set((s) => ({ call: { ...s.call, ...patch } }));

  return {
    async runFunction() {
      const s = get();
      const api = session.connection?.api;
      const key = s.current;
      const f = s.functions[key];
      const busy = s.call.phase === 'running' || s.call.phase === 'building';
      if (!api || !f || s.runtime.phase !== 'ready' || busy) return;
      session.flushEvents();
      const built = s.built[key];
      const stale = !built || built.language !== f.language || built.source !== sourceOf(f);
      // Clear the last result now, so nobody mistakes it for this run's.
      set({
        call: { ...idleCall, function: key, phase: stale ? 'building' : 'running' },
        trace: emptyTrace,
        selectedCallId: null,
        // A person watching a live view keeps it; from the build's tabs, show the result.
        outputTab: s.outputTab === 'problems' || s.outputTab === 'log' ? 'output' : s.outputTab,
      });
      if (stale && !(await get().buildFunction(key))) {
        patchCall({ phase: 'cancelled', error: 'Not run: the build failed.' });
        return;
      }
      if (get().call.stopRequested) {
        patchCall({ phase: 'cancelled', error: 'Stopped before it started.' });
        return;
      }
      const { cpuTimeLimitMs } = get();
      set((st) => ({ call: { ...st.call, phase: 'running' }, trace: { ...st.trace, awaitingRoot: true } }));
      try {
        await sendLimits(Object.values(get().functions));
        finishCall(set, get, await api.call({ user: f.user, name: f.name, input: new TextEncoder().encode(f.input), cpuTimeLimitMs }));
      } catch (e) {
        patchCall({ phase: 'failed', error: errorMessage(e) });
      }
    },

    async buildAndRun() {
      if (await get().buildFunction()) await get().runFunction();
    },

    stopCall() {
      const { call } = get();
      if (call.phase !== 'running' && call.phase !== 'building') return;
      if (call.callId === null) patchCall({ stopRequested: true });
      else stopById(set, call.callId);
    },
  };
}
