/**
 * Saves the workspace shortly after every change, at once on Ctrl+S, and when the page hides.
 * A save merges with what other tabs stored (workspace-merge.ts), and another tab's save
 * (localStorage's `storage` event) is merged into this one at once, so no tab's work is lost.
 * A refused save is shown, with the reason, and tried again until it goes through.
 */
import { usePlayground } from './playground';
import type { PlaygroundState } from './types';
import { baseOf, canonical, mergeWorkspace, type StoredFunctions, type SyncBase } from './workspace-merge';
import type { FunctionDoc } from './workspace';
import { loadedFunctions, readStoredFunctions, STORAGE_KEY, writeWorkspace, type Workspace } from './workspace';

const DEBOUNCE_MS = 400;
/** A refused save is tried again this often, so saving never silently stops. */
const RETRY_MS = 3000;
let timer: ReturnType<typeof setTimeout> | undefined;
/** Each function as this tab last synced it with the stored workspace. */
let base: SyncBase = {};

export const workspaceOf = (s: PlaygroundState): Workspace => ({
  functions: s.functions,
  current: s.current,
  // A lesson's limit is the lesson's, not the person's.
  cpuTimeLimitMs: s.lessonLimit?.lessonMs === s.cpuTimeLimitMs ? s.lessonLimit.ownMs : s.cpuTimeLimitMs,
  theme: s.theme,
  cluster: s.cluster,
});

const changed = (a: PlaygroundState, b: PlaygroundState) =>
  a.functions !== b.functions ||
  a.current !== b.current ||
  a.cpuTimeLimitMs !== b.cpuTimeLimitMs ||
  a.theme !== b.theme ||
  a.cluster !== b.cluster;

/** The merged functions, keeping this tab's objects where nothing changed (so nothing re-renders). */
function adopt(mine: Record<string, FunctionDoc>, merged: Record<string, FunctionDoc>): Record<string, FunctionDoc> | null {
  let differs = Object.keys(mine).length !== Object.keys(merged).length;
  const next: Record<string, FunctionDoc> = {};
  for (const [key, doc] of Object.entries(merged)) {
    const own = mine[key];
    const same = own !== undefined && canonical(own) === canonical(doc);
    next[key] = same ? own : doc;
    differs ||= !same;
  }
  return differs ? next : null;
}

const sameRevisions = (a: StoredFunctions, b: StoredFunctions) => {
  const same = (x: Record<string, number>, y: Record<string, number>) =>
    Object.keys(x).length === Object.keys(y).length && Object.entries(x).every(([k, v]) => y[k] === v);
  return same(a.revs, b.revs) && same(a.deleted, b.deleted);
};

/**
 * Merges the stored workspace into this tab and writes the result: always on a save; after
 * another tab's save only when this tab adds something (its unsaved edits, a conflict's
 * copy), so two tabs never answer each other's writes for ever.
 */
function sync(why: 'save' | 'other-tab'): void {
  clearTimeout(timer);
  const state = usePlayground.getState();
  const stored = readStoredFunctions();
  const merged = mergeWorkspace(state.functions, base, stored);
  const functions = adopt(state.functions, merged.functions);
  if (functions) {
    const current = functions[state.current] ? state.current : Object.keys(functions)[0]!;
    usePlayground.setState({ functions, current });
  }
  if (merged.notices.length) {
    usePlayground.setState({ workspaceNotice: { tone: 'info', text: merged.notices.join(' ') } });
  }
  if (why === 'other-tab' && sameRevisions(merged.stored, stored)) {
    base = merged.base;
    return;
  }
  const { refused, inputsLeftOut } = writeWorkspace(workspaceOf(usePlayground.getState()), merged.stored);
  if (inputsLeftOut.length) {
    const text = `The browser's storage for this page is full: the code is saved, but the inputs of ${inputsLeftOut.join(', ')} are not (they stay in this tab until it closes). Upload large inputs as files in the Files tab.`;
    usePlayground.setState({ workspaceNotice: { tone: 'error', text } });
  }
  if (refused) {
    // Not synced: the next try merges from the same base.
    usePlayground.setState({ saveStatus: 'failed', saveError: `${refused}; trying again`, savedAt: Date.now() });
    timer = setTimeout(saveNow, RETRY_MS);
    return;
  }
  base = merged.base;
  usePlayground.setState({ saveStatus: 'saved', saveError: null, savedAt: Date.now() });
}

export function saveNow(): void {
  sync('save');
}

export function startAutosave(): () => void {
  base = baseOf(loadedFunctions());
  const unsubscribe = usePlayground.subscribe((state, previous) => {
    if (!changed(state, previous)) return;
    if (state.saveStatus !== 'pending') usePlayground.setState({ saveStatus: 'pending' });
    clearTimeout(timer);
    timer = setTimeout(saveNow, DEBOUNCE_MS);
  });
  const onHide = () => {
    if (usePlayground.getState().saveStatus !== 'saved') saveNow();
  };
  // Another tab saved: take its changes now, so this tab's next save builds on them.
  const onStorage = (event: StorageEvent) => {
    if (event.key === STORAGE_KEY) sync('other-tab');
  };
  window.addEventListener('pagehide', onHide);
  window.addEventListener('storage', onStorage);
  return () => {
    unsubscribe();
    window.removeEventListener('pagehide', onHide);
    window.removeEventListener('storage', onStorage);
    clearTimeout(timer);
  };
}
