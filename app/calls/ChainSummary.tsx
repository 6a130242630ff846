import { useMemo } from 'react';
import { usePlayground } from '../store/playground';
import { isFinished, type CallNode } from '../store/trace';
import { failureMessage, hasFailed } from './CallTreeRow';

/** The deepest failure that says why: the root cause, not the parents that failed through it. */
function rootCause(nodes: Iterable<CallNode>): { node: CallNode; message: string } | undefined {
  let cause: { node: CallNode; message: string } | undefined;
  for (const node of nodes) {
    const message = failureMessage(node);
    if (message && (!cause || node.depth > cause.node.depth)) cause = { node, message };
  }
  return cause;
}

/** On the Output tab: how the calls this run chained went, and the way to the Calls tab. */
export function ChainSummary() {
  const trace = usePlayground((s) => s.trace);
  const chained = trace.nodes.size - 1;
  const { done, bad, cause } = useMemo(() => {
    const nodes = [...trace.nodes.values()].filter((n) => n.parentId !== null);
    const done = nodes.filter((n) => isFinished(n.state)).length;
    return { done, bad: nodes.filter(hasFailed).length, cause: rootCause(nodes) };
  }, [trace]);
  if (chained < 1) return null;

  return (
    <div className={`chain-summary${bad ? ' chain-summary--bad' : ''}`} data-testid="output.chained">
      <span>
        {chained} chained {chained === 1 ? 'call' : 'calls'}
        {done < chained ? `, ${chained - done} still running` : bad ? `, ${bad} failed` : ', all ok'}
      </span>
      <button className="chain-summary__show" onClick={() => usePlayground.getState().setOutputTab('calls')}>
        Show calls
      </button>
      {cause && (
        <p className="chain-summary__cause">
          {cause.node.function} #{cause.node.callId}: {cause.message}
        </p>
      )}
    </div>
  );
}
