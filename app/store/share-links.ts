/** Share links arriving in the address bar (the hash written by app/lib/share.ts). */
import { readShareHash } from '../lib/share';
import { saveNow } from './autosave';
import { usePlayground } from './playground';

/**
 * Opens the share link in the address bar, now and whenever the hash changes (a link pasted into
 * this tab), then clears the hash so a reload does not open it again. Returns a stop function.
 */
export function listenForSharedLinks(): () => void {
  const open = () => {
    const read = readShareHash(location.hash);
    if (!read) return;
    history.replaceState(history.state, '', location.pathname + location.search);
    const { openShared, setWorkspaceNotice } = usePlayground.getState();
    if (!read.ok) return setWorkspaceNotice({ tone: 'error', text: read.error });
    openShared(read.shared);
    // The hash is gone now: save at once, whether or not autosave has started listening yet.
    saveNow();
  };
  open();
  window.addEventListener('hashchange', open);
  return () => window.removeEventListener('hashchange', open);
}
