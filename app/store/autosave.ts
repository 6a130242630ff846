/** Saves the workspace shortly after every change, at once on Ctrl+S, and when the page hides. */
import { usePlayground } from './playground';
import type { PlaygroundState } from './types';
import { writeWorkspace, type Workspace } from './workspace';

const DEBOUNCE_MS = 400;
let timer: ReturnType<typeof setTimeout> | undefined;

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

export function saveNow(): void {
  clearTimeout(timer);
  const ok = writeWorkspace(workspaceOf(usePlayground.getState()));
  usePlayground.setState({ saveStatus: ok ? 'saved' : 'failed', savedAt: Date.now() });
}

export function startAutosave(): () => void {
  const unsubscribe = usePlayground.subscribe((state, previous) => {
    if (!changed(state, previous)) return;
    if (state.saveStatus !== 'pending') usePlayground.setState({ saveStatus: 'pending' });
    clearTimeout(timer);
    timer = setTimeout(saveNow, DEBOUNCE_MS);
  });
  const onHide = () => {
    if (usePlayground.getState().saveStatus === 'pending') saveNow();
  };
  window.addEventListener('pagehide', onHide);
  return () => {
    unsubscribe();
    window.removeEventListener('pagehide', onHide);
    clearTimeout(timer);
  };
}
