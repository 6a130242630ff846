import { usePlayground } from '../store/playground';
import './ClusterSettings.css';

/** A whole number from 1 to `max`; other entries are ignored until they are valid. */
function CountField(props: { testId: string; label: string; max: number; value: number; onChange: (n: number) => void }) {
  return (
    <input
      className="cluster-settings__field"
      data-testid={props.testId}
      aria-label={props.label}
      type="number"
      min={1}
      max={props.max}
      value={props.value}
      onChange={(e) => {
        const n = e.target.valueAsNumber;
        if (Number.isInteger(n) && n >= 1 && n <= props.max) props.onChange(n);
      }}
    />
  );
}

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
      <CountField testId="cluster.hosts" label="Hosts" max={8} value={hosts} onChange={(n) => setClusterSize({ hosts: n })} />
      hosts ×
      <CountField
        testId="cluster.slots"
        label="Slots per host"
        max={16}
        value={slotsPerHost}
        onChange={(n) => setClusterSize({ slotsPerHost: n })}
      />
      slots
      <span className="status-bar__label" data-testid="cluster.load">
        · {running} running{queued > 0 ? ` · ${queued} queued` : ''}
      </span>
      {error && <span className="cluster-settings__error" role="alert">{`not resized: ${error}`}</span>}
    </span>
  );
}
