import { usePlayground } from '../store/playground';
import { CallDetail } from './CallDetail';
import { CallTimeline } from './CallTimeline';
import { CallTree } from './CallTree';
import './CallsView.css';

/** The Calls tab: the run's calls on a timeline, as a tree, and the one picked in detail. */
export function CallsView() {
  const count = usePlayground((s) => s.trace.nodes.size);
  const running = usePlayground((s) => s.call.phase === 'running');
  if (count === 0) {
    return (
      <p className="panel-hint">
        {running ? 'Waiting for the first call…' : 'Run a function to see the calls it makes: the tree, and a timeline across hosts.'}
      </p>
    );
  }
  return (
    <div className="calls-view">
      <CallTimeline />
      <div className="calls-view__tree">
        <CallTree />
      </div>
      <div className="calls-view__detail">
        <CallDetail />
      </div>
    </div>
  );
}
