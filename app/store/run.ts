/** Run and Stop: one call from the page, whose chained calls the trace collects. */
import { callInputBytes } from '../lib/call-input';
import type { CallResult } from '../../runtime';
import { buildStale, isStale, reachableFrom } from './builds';
import { sendLimits } from './limits';
import { session } from './session';
import { emptyTrace } from './trace';
import type { CallView, GetState, PlaygroundState, SetState } from './types';
import { errorMessage } from '../lib/error-message';

export const idleCall: CallView = {
  phase: 'idle', function: null, callId: null, stopRequested: false, stdout: '', stderr: '', result: null, error: null, built: [],
};


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

type RunActions = Pick<PlaygroundState, 'runFunction' | 'runFromSnapshot' | 'buildAndRun' | 'stopCall'>;

/** Each function's command line, for the calls chained to it, when the person asked for that. */
const chainCmdlinesOf = (s: PlaygroundState, user: string): Record<string, string> =>
  s.chainCmdlines
    ? Object.fromEntries(Object.values(s.functions).flatMap((f) => (f.user === user && f.cmdline ? [[f.name, f.cmdline]] : [])))
    : {};

export function runActions(set: SetState, get: GetState): RunActions {
  const patchCall = (patch: Partial<CallView>) => set((s) => ({ call: { ...s.call, ...patch } }));

  /** Runs `key`; from a named snapshot, the uploaded build runs as it is (a rebuild would void the snapshot). */
  async function run(key: string, snapshot?: string) {
    const s = get();
    const api = session.connection?.api;
    const f = s.functions[key];
    const busy = s.call.phase === 'running' || s.call.phase === 'building';
    if (!api || !f || s.runtime.phase !== 'ready' || busy) return;
    session.flushEvents();
    // Every stale function the call may reach is built first; from a snapshot, all but its own.
    const needed = reachableFrom(s, key).filter((k) => (snapshot ? k !== key : true) && isStale(s, k));
    const stale = needed.length > 0;
    // Clear the last result now, so nobody mistakes it for this run's.
    set({
      call: { ...idleCall, function: key, phase: stale ? 'building' : 'running' },
      trace: emptyTrace,
      selectedCallId: null,
      // A person watching a live view keeps it; from the build's tabs, show the result.
      outputTab: s.outputTab === 'problems' || s.outputTab === 'log' ? 'output' : s.outputTab,
    });
    if (stale) {
      const { ok, built } = await buildStale(get, needed);
      patchCall({ built });
      if (!ok) {
        patchCall({ phase: 'cancelled', error: `Not run: the build of ${built[built.length - 1]} failed.` });
        return;
      }
    }
    if (get().call.stopRequested) {
      patchCall({ phase: 'cancelled', error: 'Stopped before it started.' });
      return;
    }
    const { cpuTimeLimitMs } = get();
    set((st) => ({ call: { ...st.call, phase: 'running' }, trace: { ...st.trace, awaitingRoot: true } }));
    try {
      await sendLimits(Object.values(get().functions));
      const request = {
        user: f.user,
        name: f.name,
        input: await callInputBytes(f, {
          size: async (path) => (await api.listFiles(f.user)).find((file) => file.path === path && !file.directory)?.size ?? null,
          read: (path) => api.readFile(f.user, path),
        }),
        cmdline: f.cmdline ?? '',
        chainCmdlines: chainCmdlinesOf(get(), f.user),
        ...(snapshot ? { snapshot } : {}),
        cpuTimeLimitMs,
      };
      finishCall(set, get, await api.call(request));
    } catch (e) {
      patchCall({ phase: 'failed', error: errorMessage(e) });
    }
  }

  return {
    runFunction: () => run(get().current),

    async runFromSnapshot(name) {
      const snapshot = get().snapshots.find((sn) => sn.name === name);
      if (!snapshot) return;
      if (!get().functions[snapshot.function]) {
        set({ snapshotError: `${snapshot.function} is not in this workspace: open it to run it from "${name}"` });
        return;
      }
      await run(snapshot.function, name);
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
