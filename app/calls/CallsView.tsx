import { usePlayground } from '../store/playground';
import { CallDetail } from './CallDetail';
import { CallTimeline } from './CallTimeline';
import { CallTree } from './CallTree';
import './CallsView.css';

/** The Calls tab: the run's calls on a timeline, as a tree, and the one picked in detail. */
export function CallsView() {
  const count = usePlayground((s) => s.trace.nodes.size);
  const running = usePlayground((s) => s.call.phase === 'running');
  // While a run waits for its first call the view stays mounted: a person watching it sees the
  // timeline fill, and nothing is rebuilt while the Faaslets start.
  if (count === 0 && !running) {
    return (
      <p className="panel-hint">
        Run a function to see the calls it makes: the tree, and a timeline across hosts.
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
