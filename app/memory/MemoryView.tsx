import { usePlayground } from '../store/playground';
import { MemoryPanel } from './MemoryPanel';
import './MemoryView.css';

/** The Memory tab: the memory map and a hex inspector of one Faaslet, or of two side by side. */
export function MemoryView() {
  const inspected = usePlayground((s) => s.inspected);
  const error = usePlayground((s) => s.inspectError);
  const active = usePlayground((s) => s.outputTab === 'memory');
  return (
    <div className="memory-view" data-testid="memory.view">
      {error && <p className="call-output__error">{error}</p>}
      {inspected.length === 0 ? (
        <p className="panel-hint">
          Open a Faaslet from the Cluster tab to see its memory: private memory 0 (stack, data, heap) and the shared window
          where state keys are mapped. Open a second one to compare them side by side.
        </p>
      ) : (
        <div className={`memory-view__panels memory-view__panels--${inspected.length}`}>
          {inspected.map((inspection) => (
            <MemoryPanel key={inspection.faaslet} inspection={inspection} active={active} compact={inspected.length > 1} />
          ))}
        </div>
      )}
    </div>
  );
}
