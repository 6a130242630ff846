import { memo, useCallback, useMemo, useState } from 'react';
import { usePlayground } from '../store/playground';
import type { CallNode, CallTrace } from '../store/trace';
import { CallTreeRow } from './CallTreeRow';
import './CallTree.css';

/** Past this many rows the list stops until asked for more: a fan-out of 1,000 stays quick. */
const ROW_LIMIT = 300;

/** Depth-first order, skipping the children of collapsed calls. */
function visibleRows(trace: CallTrace, collapsed: ReadonlySet<number>): CallNode[] {
  const rows: CallNode[] = [];
  const stack = trace.rootId === null ? [] : [trace.rootId];
  while (stack.length) {
    const node = trace.nodes.get(stack.pop()!);
    if (!node) continue;
    rows.push(node);
    if (!collapsed.has(node.callId)) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return rows;
}

/** The calls the run made, by parent: function, input, where and how it ran, when, how long, result. */
export function CallTree() {
  const trace = usePlayground((s) => s.trace);
  const selected = usePlayground((s) => s.selectedCallId);
  const [collapsed, setCollapsed] = useState<ReadonlySet<number>>(new Set());
  const [limit, setLimit] = useState(ROW_LIMIT);
  const rows = useMemo(() => visibleRows(trace, collapsed), [trace, collapsed]);
  const origin = trace.rootId === null ? 0 : (trace.nodes.get(trace.rootId)?.queuedAt ?? 0);

  // Stable, so memoized rows stay memoized.
  const toggle = useCallback(
    (callId: number) =>
      setCollapsed((c) => {
        const next = new Set(c);
        if (!next.delete(callId)) next.add(callId);
        return next;
      }),
    [],
  );

  return (
    <div className="call-tree" data-testid="calls.tree" role="tree">
      <TreeHeader />
      {rows.slice(0, limit).map((node) => (
        <CallTreeRow
          key={node.callId}
          node={node}
          origin={origin}
          selected={node.callId === selected}
          collapsed={collapsed.has(node.callId)}
          onToggle={toggle}
        />
      ))}
      {rows.length > limit && (
        <button className="call-tree__more" onClick={() => setLimit(rows.length)}>
          Show all {rows.length} calls ({rows.length - limit} more)
        </button>
      )}
    </div>
  );
}

const TreeHeader = memo(function TreeHeader() {
  return (
    <div className="call-tree__row call-tree__row--header" aria-hidden>
      <span>function</span>
      <span>input</span>
      <span>ran on</span>
      <span>kind</span>
      <span>start</span>
      <span>took</span>
      <span title="CPU time: the Faaslet's own execution, not time blocked">cpu</span>
      <span>rc</span>
    </div>
  );
});
