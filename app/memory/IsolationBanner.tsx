import { usePlayground } from '../store/playground';

/** Says why the runtime cannot start (no cross-origin isolation, or it failed) and what to do. */
export function IsolationBanner() {
  const runtime = usePlayground((s) => s.runtime);
  if (runtime.isolation) {
    return (
      <div className="banner" role="alert" data-testid="isolation.banner">
        <strong>The runtime cannot start.</strong> {runtime.isolation.reason}
        <div className="banner__fix">
          <strong>Fix:</strong> {runtime.isolation.fix}
        </div>
      </div>
    );
  }
  if (runtime.phase === 'failed') {
    return (
      <div className="banner" role="alert" data-testid="runtime.banner">
        <strong>The runtime failed to start:</strong> {runtime.error}
        <div className="banner__fix">Reload the page to try again; the browser console may say more.</div>
      </div>
    );
  }
  return null;
}
