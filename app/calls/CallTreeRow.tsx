import { memo } from 'react';
import { formatMs } from '../lib/bytes';
import { usePlayground } from '../store/playground';
import { isFinished, type CallNode } from '../store/trace';

/** Deep chains (a chain bomb) would indent off the panel: past this, the depth is written instead. */
const MAX_INDENT = 5;

export const hasFailed = (node: CallNode) => isFinished(node.state) && node.state !== 'ok';

/** Why a call ended badly: its trap or error message, or the scheduler's refusal; null if it did not say. */
export function failureMessage(node: CallNode): string | null {
  if (!hasFailed(node)) return null;
  return node.result?.message ?? node.placements.find((p) => p.kind === 'refused')?.reason ?? null;
}

interface RowProps {
  node: CallNode;
  /** When the run's root was queued: start times are offsets from it. */
  origin: number;
  selected: boolean;
  collapsed: boolean;
  onToggle(callId: number): void;
}

/** One call of the tree. Memoized: a batch of events re-renders only the calls it touched. */
export const CallTreeRow = memo(function CallTreeRow({ node, origin, selected, collapsed, onToggle }: RowProps) {
  const failure = failureMessage(node);
  const indent = Math.min(node.depth, MAX_INDENT);
  const result = node.result;
  const took = node.startedAt !== null && node.finishedAt !== null ? formatMs(node.finishedAt - node.startedAt) : '';

  return (
    <div
      className={`call-tree__node${selected ? ' call-tree__node--selected' : ''}`}
      data-testid="calls.node"
      data-call-id={node.callId}
      data-status={node.state}
      data-function={node.function}
      data-parent-id={node.parentId ?? undefined}
      data-host={node.host ?? undefined}
      data-started-at={node.startedAt ?? undefined}
      data-finished-at={node.finishedAt ?? undefined}
      role="treeitem"
      aria-selected={selected}
      aria-expanded={node.children.length ? !collapsed : undefined}
      onClick={() => usePlayground.getState().selectCall(node.callId)}
    >
      <div className="call-tree__row">
        <span className="call-tree__function" style={{ paddingLeft: indent * 12 }} title={`${node.function} #${node.callId}`}>
          {node.children.length > 0 ? (
            <button
              className="call-tree__toggle"
              aria-label={collapsed ? 'Expand' : 'Collapse'}
              onClick={(e) => {
                e.stopPropagation();
                onToggle(node.callId);
              }}
            >
              {collapsed ? '▸' : '▾'}
            </button>
          ) : (
            <span className="call-tree__toggle" />
          )}
          <span className={`call-tree__dot call-tree__dot--${node.state}`} title={node.state} />
          {node.depth > MAX_INDENT && <span className="call-tree__depth">{node.depth}›</span>}
          {node.function.slice(node.function.indexOf('/') + 1)}
          {collapsed && <span className="call-tree__count"> +{node.children.length}</span>}
        </span>
        <span>{result ? `${result.inputBytes} B` : ''}</span>
        <span>{node.host !== null && node.faaslet !== null ? `h${node.host}·f${node.faaslet}` : '–'}</span>
        <span>{node.startKind ?? (node.state === 'queued' ? 'queued' : '–')}</span>
        <span>{node.startedAt !== null ? `+${formatMs(node.startedAt - origin)}` : ''}</span>
        <span>{took}</span>
        <span data-testid="calls.node.cpu">{result && result.status !== 'refused' ? formatMs(result.cpuMs) : ''}</span>
        <span className={result && result.returnCode !== 0 ? 'call-tree__bad' : undefined}>{result?.returnCode ?? ''}</span>
      </div>
      {failure && <div className="call-tree__failure" data-testid="calls.node.failure" style={{ paddingLeft: indent * 12 + 30 }}>{failure}</div>}
    </div>
  );
});
