import type { FaasletView, HostView, MemoryBudgetView } from '../../runtime';
import { formatMemory } from '../lib/bytes';
import { usePlayground } from '../store/playground';
import './ClusterView.css';

/** The Cluster tab: hosts as columns, their Faaslets as cards; a card opens that Faaslet's memory. */
export function ClusterView() {
  const cluster = usePlayground((s) => s.clusterView);
  if (!cluster) return <p className="panel-hint">The runtime is starting…</p>;
  return (
    <div className="cluster-view" data-testid="cluster.view">
      <p className="cluster-view__note">
        {cluster.hosts.length} hosts × {cluster.config.slotsPerHost} slots
        {cluster.queued > 0 && ` · ${cluster.queued} calls queued`}. Click a Faaslet to see its memory.
      </p>
      <MemoryBudget memory={cluster.memory} />
      <div className="cluster-view__hosts">
        {cluster.hosts.map((host) => (
          <HostColumn key={host.id} host={host} />
        ))}
      </div>
    </div>
  );
}

/** What the page's Faaslets and state arenas hold against its memory budget; a call past it waits or is refused. */
function MemoryBudget({ memory }: { memory: MemoryBudgetView }) {
  const used = memory.faasletBytes + memory.arenaBytes;
  return (
    <p className="cluster-view__note" data-testid="cluster.memory" data-used={used} data-budget={memory.budgetBytes}>
      memory {formatMemory(used)} of the page's {formatMemory(memory.budgetBytes)} budget ({formatMemory(memory.faasletBytes)} in
      Faaslets, {formatMemory(memory.arenaBytes)} of state)
      {memory.waitingForMemory > 0 && ` · ${memory.waitingForMemory} calls waiting for memory`}
      <meter className="cluster-view__meter" min={0} max={memory.budgetBytes} value={used} />
    </p>
  );
}

function HostColumn({ host }: { host: HostView }) {
  return (
    <section className="cluster-view__host" aria-label={`Host ${host.id}`}>
      <h3 className="cluster-view__host-title">
        host {host.id}
        <span className="cluster-view__load">
          {host.running}/{host.slots} running
        </span>
      </h3>
      {host.faaslets.map((f) => (
        <FaasletCard key={f.id} faaslet={f} />
      ))}
    </section>
  );
}

function FaasletCard({ faaslet }: { faaslet: FaasletView }) {
  const inspected = usePlayground((s) => s.inspected.some((i) => i.faaslet === faaslet.id));
  const status = faaslet.state === 'blocked' && faaslet.blockedIn ? `blocked in ${faaslet.blockedIn}` : faaslet.state;
  return (
    <button
      className={`cluster-view__faaslet cluster-view__faaslet--${faaslet.state}${inspected ? ' cluster-view__faaslet--inspected' : ''}`}
      data-testid="cluster.faaslet"
      data-faaslet={faaslet.id}
      data-state={faaslet.state}
      data-function={faaslet.function ?? ''}
      onClick={() => void usePlayground.getState().inspectFaaslet(faaslet.id)}
      title={`Faaslet f${faaslet.id}: show its memory map`}
    >
      <span className="cluster-view__id">f{faaslet.id}</span>
      <span className="cluster-view__function">{faaslet.function ?? 'empty (no module yet)'}</span>
      <span className="cluster-view__state">
        {status}
        {faaslet.callId !== null && ` · call #${faaslet.callId}`}
      </span>
      <span className="cluster-view__calls">
        {faaslet.calls} calls{faaslet.lastStart && ` · last start ${faaslet.lastStart}`}
      </span>
    </button>
  );
}
