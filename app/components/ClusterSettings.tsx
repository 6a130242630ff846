import { usePlayground } from '../store/playground';
import './ClusterSettings.css';

/** The simulated cluster's size, settable in place, and what it is doing now. */
export function ClusterSettings() {
  const { hosts, slotsPerHost } = usePlayground((s) => s.cluster);
  const running = usePlayground((s) => s.clusterView?.hosts.reduce((n, h) => n + h.running, 0) ?? 0);
  const queued = usePlayground((s) => s.clusterView?.queued ?? 0);
  const error = usePlayground((s) => s.clusterError);
  const setClusterSize = usePlayground((s) => s.setClusterSize);

  return (
    <span className="cluster-settings" title="Simulated hosts, and the Faaslets each may run at once">
      <span className="status-bar__label">cluster</span>
      <input
        className="cluster-settings__field"
        data-testid="cluster.hosts"
        aria-label="Hosts"
        type="number"
        min={1}
        max={8}
        value={hosts}
        onChange={(e) => {
          const n = e.target.valueAsNumber;
          if (Number.isInteger(n) && n >= 1 && n <= 8) setClusterSize({ hosts: n });
        }}
      />
      hosts ×
      <input
        className="cluster-settings__field"
        data-testid="cluster.slots"
        aria-label="Slots per host"
        type="number"
        min={1}
        max={64}
        value={slotsPerHost}
        onChange={(e) => {
          const n = e.target.valueAsNumber;
          if (Number.isInteger(n) && n >= 1 && n <= 64) setClusterSize({ slotsPerHost: n });
        }}
      />
      slots
      <span className="status-bar__label" data-testid="cluster.load">
        · {running} running{queued > 0 ? ` · ${queued} queued` : ''}
      </span>
      {error && <span className="cluster-settings__error" role="alert">{`not resized: ${error}`}</span>}
    </span>
  );
}
