/** Saves the workspace shortly after every change, at once on Ctrl+S, and when the page hides. */
import { usePlayground } from './playground';
import type { PlaygroundState } from './types';
import { writeWorkspace, type Workspace } from './workspace';

const DEBOUNCE_MS = 400;
let timer: ReturnType<typeof setTimeout> | undefined;

const workspaceOf = (s: PlaygroundState): Workspace => ({
  language: s.language,
  sources: s.sources,
  input: s.input,
  cpuTimeLimitMs: s.cpuTimeLimitMs,
  theme: s.theme,
});

const changed = (a: PlaygroundState, b: PlaygroundState) =>
  a.language !== b.language ||
  a.sources !== b.sources ||
  a.input !== b.input ||
  a.cpuTimeLimitMs !== b.cpuTimeLimitMs ||
  a.theme !== b.theme;

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
