import { useEffect } from 'react';
import { saveNow } from './store/autosave';
import { usePlayground } from './store/playground';

/**
 * Ctrl/Cmd+Enter builds and runs; Ctrl/Cmd+S saves. Listening in the capture phase on window
 * sees the keys before Monaco does, so the editor's own bindings don't swallow them.
 */
export function useShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      if (e.key === 'Enter' && !e.shiftKey) {
        e.preventDefault();
        e.stopPropagation();
        void usePlayground.getState().buildAndRun();
      } else if (e.key.toLowerCase() === 's' && !e.shiftKey) {
        e.preventDefault();
        e.stopPropagation();
        saveNow();
      }
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, []);
}
