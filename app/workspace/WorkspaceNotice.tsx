import { useEffect } from 'react';
import { usePlayground } from '../store/playground';
import { listenForSharedLinks } from '../store/share-links';
import './WorkspaceNotice.css';

/** What a shared link or an imported file did to the workspace (and why a bad one did nothing). */
export function WorkspaceNotice() {
  const notice = usePlayground((s) => s.workspaceNotice);

  // Shared links are opened here, where what became of them is shown.
  useEffect(listenForSharedLinks, []);

  if (!notice) return null;
  return (
    <div
      className={`workspace-notice workspace-notice--${notice.tone}`}
      role={notice.tone === 'error' ? 'alert' : 'status'}
      data-testid="workspace.notice"
      data-tone={notice.tone}
    >
      <span className="workspace-notice__text">{notice.text}</span>
      <button
        className="function-list__icon workspace-notice__close"
        aria-label="Dismiss"
        title="Dismiss"
        onClick={() => usePlayground.getState().setWorkspaceNotice(null)}
      >
        ×
      </button>
    </div>
  );
}
