/** Build actions: load the toolchain once, build and upload one function or all of a user's. */
import { sendLimits } from './limits';
import { session } from './session';
import type { GetState, PlaygroundState, SetState } from './types';
import { sourceOf } from './workspace';

const errorMessage = (e: unknown) => (e instanceof Error ? e.message : String(e));

type BuildActions = Pick<PlaygroundState, 'buildFunction' | 'buildAllFunctions'>;

/** Starts (or retries) the toolchain load; resolves to whether it is ready. */
export function ensureToolchain(set: SetState, get: GetState): Promise<boolean> {
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
}

export function buildActions(set: SetState, get: GetState): BuildActions {
  const buildFunction = async (key = get().current) => {
    const s = get();
    const api = session.connection?.api;
    const f = s.functions[key];
    const busy = s.build.phase === 'waiting' || s.build.phase === 'building';
    if (!api || !f || s.runtime.phase !== 'ready' || busy) return false;
    const { language } = f;
    const source = sourceOf(f);
    const started = { function: key, language, report: null, error: null };
    set({ build: { phase: 'waiting', ...started } });
    if (!(await ensureToolchain(set, get))) {
      const error = `The toolchain did not load: ${get().toolchain.error ?? 'unknown error'}`;
      set({ build: { phase: 'failed', ...started, error }, outputTab: 'log' });
      return false;
    }
    set((st) => ({ build: { ...st.build, phase: 'building' } }));
    try {
      await sendLimits(Object.values(get().functions)); // the upload checks memory 0 against its limit
      const report = await api.build({ user: f.user, name: f.name, language, source, kind: f.kind });
      set((st) => ({
        build: { phase: 'done', ...started, report },
        built: report.ok ? { ...st.built, [key]: { language, source } } : st.built,
        outputTab: report.ok ? st.outputTab : 'problems',
      }));
      return report.ok;
    } catch (e) {
      set({ build: { phase: 'failed', ...started, error: errorMessage(e) }, outputTab: 'log' });
      return false;
    }
  };

  return {
    buildFunction,

    async buildAllFunctions(user = get().functions[get().current]?.user) {
      const s = get();
      if (s.buildAll) return false;
      const keys = Object.values(s.functions).filter((f) => f.user === user).map((f) => `${f.user}/${f.name}`).sort();
      if (!user || s.runtime.phase !== 'ready') return false;
      set({ buildAll: { user, done: 0, total: keys.length } });
      let ok = true;
      for (const key of keys) {
        ok = await buildFunction(key);
        if (!ok) break;
        set((st) => ({ buildAll: st.buildAll && { ...st.buildAll, done: st.buildAll.done + 1 } }));
      }
      set({ buildAll: null });
      return ok;
    },
  };
}
