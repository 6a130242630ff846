import { usePlayground } from '../store/playground';
import type { OutputTab } from '../store/playground';
import { BuildLog } from '../editor/BuildLog';
import { ClusterView } from '../cluster/ClusterView';
import { FilesView } from '../files/FilesView';
import { MemoryView } from '../memory/MemoryView';
import { CallOutput } from './CallOutput';
import { CallsView } from '../calls/CallsView';
import { ProblemsList } from '../editor/ProblemsList';
import { ProtoView } from '../protos/ProtoView';
import { StateView } from '../state/StateView';
import './OutputPanel.css';

/** The right-hand panel: the call's results, the calls it made, the compiler's problems, the build log. */
export function OutputPanel() {
  const tab = usePlayground((s) => s.outputTab);
  const setTab = usePlayground((s) => s.setOutputTab);
  const problemCount = usePlayground((s) => s.build.report?.diagnostics.length ?? 0);
  const callCount = usePlayground((s) => s.trace.nodes.size);
  const buildFailed = usePlayground((s) => s.build.phase === 'failed' || s.build.report?.ok === false);

  // Nine tabs fit at 1280 px: short labels, the full name in the tooltip.
  const tabs: { id: OutputTab; label: string; title: string }[] = [
    { id: 'output', label: 'Output', title: 'Output, stdout and stderr of the last run' },
    { id: 'calls', label: callCount > 1 ? `Calls (${callCount})` : 'Calls', title: 'Call tree and timeline' },
    { id: 'cluster', label: 'Cluster', title: 'Hosts and their Faaslets' },
    { id: 'memory', label: 'Memory', title: 'Memory map and hex inspector of a Faaslet' },
    { id: 'state', label: 'State', title: 'Local tier per host and the global tier' },
    { id: 'files', label: 'Files', title: "The user's files" },
    { id: 'protos', label: 'Protos', title: 'Proto-Faaslets: snapshots and restores' },
    { id: 'problems', label: problemCount ? `Problems (${problemCount})` : 'Problems', title: 'Compiler messages' },
    { id: 'log', label: 'Build log', title: 'Build log: compiler, rewrite and upload' },
  ];

  return (
    <section className="output-panel" data-testid="output.panel" aria-label="Output">
      <nav className="output-panel__tabs" role="tablist">
        {tabs.map((t) => (
          <button
            key={t.id}
            role="tab"
            aria-selected={tab === t.id}
            className={`output-panel__tab${(t.id === 'problems' || t.id === 'log') && buildFailed ? ' output-panel__tab--alert' : ''}`}
            data-testid={`output.tab.${t.id}`}
            title={t.title}
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </nav>
      {/* Every tab stays mounted so its contents can be read even when another tab is shown. */}
      <div className="output-panel__body" role="tabpanel" hidden={tab !== 'output'}>
        <CallOutput />
      </div>
      <div className="output-panel__body" role="tabpanel" hidden={tab !== 'calls'}>
        <CallsView />
      </div>
      <div className="output-panel__body" role="tabpanel" hidden={tab !== 'cluster'}>
        <ClusterView />
      </div>
      <div className="output-panel__body" role="tabpanel" hidden={tab !== 'memory'}>
        <MemoryView />
      </div>
      <div className="output-panel__body" role="tabpanel" hidden={tab !== 'state'}>
        <StateView />
      </div>
      <div className="output-panel__body" role="tabpanel" hidden={tab !== 'files'}>
        <FilesView />
      </div>
      <div className="output-panel__body" role="tabpanel" hidden={tab !== 'protos'}>
        <ProtoView />
      </div>
      <div className="output-panel__body" role="tabpanel" hidden={tab !== 'problems'}>
        <ProblemsList />
      </div>
      <div className="output-panel__body" role="tabpanel" hidden={tab !== 'log'}>
        <BuildLog />
      </div>
    </section>
  );
}
