/**
 * The one app store. Runtime events and the results of runtime calls flow in here;
 * components read slices of it and call its actions. Nothing else talks to the runtime.
 */
import { create } from 'zustand';
import { connectRuntime, isolationProblem, type CallResult, type RuntimeEvent } from '../../runtime';
import { FUNCTION_NAME, FUNCTION_USER } from '../examples';
import { session } from './session';
import type { CallView, PlaygroundState } from './types';
import { loadWorkspace } from './workspace';

export type * from './types';

const idleCall: CallView = {
  phase: 'idle', callId: null, stopRequested: false, stdout: '', stderr: '', result: null, error: null,
};

const errorMessage = (e: unknown) => (e instanceof Error ? e.message : String(e));

export const usePlayground = create<PlaygroundState>()((set, get) => {
  const patchCall = (patch: Partial<CallView>) => set((s) => ({ call: { ...s.call, ...patch } }));

  const isOurCall = (callId: number) => {
    const { call } = get();
    return call.phase === 'running' && call.callId === callId;
  };

  const finishCall = (result: CallResult) => {
    const { call } = get();
    if (call.phase !== 'running' || (call.callId !== null && call.callId !== result.callId)) return;
    patchCall({ phase: 'done', callId: result.callId, result, stdout: result.stdout, stderr: result.stderr });
  };

  const stopById = (callId: number) => {
    session.connection?.api.stop(callId).catch((e: unknown) => patchCall({ error: errorMessage(e) }));
  };

  const onEvent = (event: RuntimeEvent) => {
    switch (event.type) {
      case 'toolchain.progress':
        set((s) => ({ toolchain: { ...s.toolchain, doneBytes: event.doneBytes, totalBytes: event.totalBytes } }));
        break;
      case 'call.started': {
        // The first call to start after Run is ours; later ones are calls it chained.
        const { call } = get();
        if (call.phase !== 'running' || call.callId !== null) break;
        patchCall({ callId: event.callId });
        if (call.stopRequested) stopById(event.callId);
        break;
      }
      case 'call.output':
        if (!isOurCall(event.callId)) break;
        set((s) => ({ call: { ...s.call, [event.stream]: s.call[event.stream] + event.text } }));
        break;
      case 'call.finished':
        finishCall(event.result);
        break;
    }
  };

  /** Starts (or retries) the toolchain load; resolves to whether it is ready. */
  const ensureToolchain = (): Promise<boolean> => {
    const api = session.connection?.api;
    if (!api) return Promise.resolve(false);
    if (session.toolchain && get().toolchain.phase !== 'failed') return session.toolchain;
    set((s) => ({ toolchain: { ...s.toolchain, phase: 'loading', error: null } }));
    session.toolchain = api.loadToolchain().then(
      (status) => {
        set({ toolchain: { phase: 'ready', doneBytes: status.totalBytes, totalBytes: status.totalBytes, loadMs: status.loadMs, error: null } });
        return true;
      },
      (e: unknown) => {
        set((s) => ({ toolchain: { ...s.toolchain, phase: 'failed', error: errorMessage(e) } }));
        return false;
      },
    );
    return session.toolchain;
  };

  return {
    ...loadWorkspace(),
    runtime: { phase: 'idle', isolation: null, capabilities: null, error: null },
    toolchain: { phase: 'idle', doneBytes: 0, totalBytes: 0, loadMs: null, error: null },
    build: { phase: 'idle', language: null, report: null, error: null },
    built: null,
    call: idleCall,
    outputTab: 'output',
    saveStatus: 'saved',
    savedAt: null,
    cursorRequest: null,

    async startRuntime() {
      if (get().runtime.phase !== 'idle') return;
      const isolation = isolationProblem();
      if (isolation) {
        set({ runtime: { phase: 'blocked', isolation, capabilities: null, error: null } });
        return;
      }
      set((s) => ({ runtime: { ...s.runtime, phase: 'connecting' } }));
      try {
        const connection = await connectRuntime();
        session.connection = connection;
        connection.onEvent(onEvent);
        void ensureToolchain();
        const capabilities = await connection.api.capabilities();
        set((s) => ({ runtime: { ...s.runtime, phase: 'ready', capabilities } }));
      } catch (e) {
        set((s) => ({ runtime: { ...s.runtime, phase: 'failed', error: errorMessage(e) } }));
      }
    },

    setLanguage: (language) => set({ language }),
    setSource: (language, source) => set((s) => ({ sources: { ...s.sources, [language]: source } })),
    setInput: (input) => set({ input }),
    setCpuTimeLimit: (ms) => set({ cpuTimeLimitMs: Math.max(1, Math.round(ms)) }),
    setTheme: (theme) => set({ theme }),
    setOutputTab: (outputTab) => set({ outputTab }),
    revealDiagnostic: (d) =>
      set((s) => {
        const language = s.build.language ?? s.language;
        const seq = (s.cursorRequest?.seq ?? 0) + 1;
        return { language, cursorRequest: { line: d.line, column: d.column, seq } };
      }),

    async buildFunction() {
      const s = get();
      const api = session.connection?.api;
      const busy = s.build.phase === 'waiting' || s.build.phase === 'building';
      if (!api || s.runtime.phase !== 'ready' || busy) return false;
      const language = s.language;
      const source = s.sources[language];
      set({ build: { phase: 'waiting', language, report: null, error: null } });
      if (!(await ensureToolchain())) {
        const error = `The toolchain did not load: ${get().toolchain.error ?? 'unknown error'}`;
        set({ build: { phase: 'failed', language, report: null, error }, outputTab: 'log' });
        return false;
      }
      set((st) => ({ build: { ...st.build, phase: 'building' } }));
      try {
        const report = await api.build({ user: FUNCTION_USER, name: FUNCTION_NAME, language, source });
        set((st) => ({
          build: { phase: 'done', language, report, error: null },
          built: report.ok ? { language, source } : st.built,
          outputTab: report.ok ? st.outputTab : 'problems',
        }));
        return report.ok;
      } catch (e) {
        set({ build: { phase: 'failed', language, report: null, error: errorMessage(e) }, outputTab: 'log' });
        return false;
      }
    },

    async runFunction() {
      const s = get();
      const api = session.connection?.api;
      const busy = s.call.phase === 'running' || s.call.phase === 'building';
      if (!api || s.runtime.phase !== 'ready' || busy) return;
      const { built, language } = s;
      const stale = !built || built.language !== language || built.source !== s.sources[language];
      // Clear the last result now, so nobody mistakes it for this run's.
      set({ call: { ...idleCall, phase: stale ? 'building' : 'running' }, outputTab: 'output' });
      if (stale && !(await get().buildFunction())) {
        patchCall({ phase: 'cancelled', error: 'Not run: the build failed.' });
        return;
      }
      if (get().call.stopRequested) {
        patchCall({ phase: 'cancelled', error: 'Stopped before it started.' });
        return;
      }
      const { input, cpuTimeLimitMs } = get();
      patchCall({ phase: 'running' });
      try {
        finishCall(
          await api.call({
            user: FUNCTION_USER,
            name: FUNCTION_NAME,
            input: new TextEncoder().encode(input),
            cpuTimeLimitMs,
          }),
        );
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
      else stopById(call.callId);
    },
  };
});
