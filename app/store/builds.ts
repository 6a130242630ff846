/** Build actions: load the toolchain once, build and upload one function, the stale ones of a set, or all of a user's. */
import { sendLimits } from './limits';
import { reachableKeys } from './reach';
import { session } from './session';
import type { GetState, PlaygroundState, SetState } from './types';
import { sourceOf } from './workspace';
import { errorMessage } from '../lib/error-message';

/** Whether `key`'s uploaded build is missing or older than its code. */
export function isStale(s: PlaygroundState, key: string): boolean {
  const f = s.functions[key];
  const built = s.built[key];
  return !!f && (!built || built.language !== f.language || built.source !== sourceOf(f));
}

/** Every function `key`'s call may reach (reach.ts), itself first. */
export function reachableFrom(s: PlaygroundState, key: string): string[] {
  const sources = Object.fromEntries(
    Object.entries(s.functions).map(([k, f]) => [k, { user: f.user, name: f.name, source: sourceOf(f) }]),
  );
  return reachableKeys(sources, key);
}

export interface StaleBuild {
  ok: boolean;
  /** The keys built, in order (the last one failed when `ok` is false). */
  built: string[];
}

/**
 * Builds the stale functions of `keys` in order with Build's own action, stopping at the first
 * failure. Only what changed is rebuilt: a rebuild throws away a function's Proto-Faaslets.
 */
export async function buildStale(get: GetState, keys: readonly string[]): Promise<StaleBuild> {
  const built: string[] = [];
  for (const key of keys) {
    if (!isStale(get(), key)) continue;
    built.push(key);
    if (!(await get().buildFunction(key))) return { ok: false, built };
  }
  return { ok: true, built };
}


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
