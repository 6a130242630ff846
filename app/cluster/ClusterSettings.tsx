import { useEffect, useState } from 'react';
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

const MIN_BUDGET_MIB = 256;
const MAX_BUDGET_MIB = 65536;

/**
 * The page-wide memory budget in MiB: typed freely, set on Enter or when the field is left; a
 * value out of range is refused with the reason and the field goes back to the budget in force.
 */
function BudgetField() {
  const budget = usePlayground((s) => s.clusterView?.config.memoryBudgetMiB ?? null);
  const setMemoryBudget = usePlayground((s) => s.setMemoryBudget);
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => setDraft(budget === null ? '' : String(budget)), [budget]);
  const commit = () => {
    const n = Number(draft);
    if (budget !== null && n === budget) return;
    if (!Number.isInteger(n) || n < MIN_BUDGET_MIB || n > MAX_BUDGET_MIB) {
      setProblem(`the memory budget is a whole number of MiB from ${MIN_BUDGET_MIB} to ${MAX_BUDGET_MIB}, not ${draft || 'nothing'}`);
      setDraft(budget === null ? '' : String(budget));
      return;
    }
    setProblem(null);
    setMemoryBudget(n);
  };
  return (
    <>
      <input
        className="cluster-settings__field cluster-settings__field--wide"
        data-testid="cluster.budget"
        aria-label="Memory budget of the page, MiB"
        title="The page-wide memory budget across live Faaslets and state arenas: a call past it waits or is refused, and a memory.grow past it returns -1 (malloc NULL)"
        inputMode="numeric"
        value={draft}
        disabled={budget === null}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
      MiB budget
      {problem && <span className="cluster-settings__error" role="alert" data-testid="cluster.budget.error">{problem}</span>}
    </>
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
      slots ·
      <BudgetField />
      <span className="status-bar__label" data-testid="cluster.load">
        · {running} running{queued > 0 ? ` · ${queued} queued` : ''}
      </span>
      {error && <span className="cluster-settings__error" role="alert">{`not resized: ${error}`}</span>}
    </span>
  );
}
