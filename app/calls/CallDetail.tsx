import { useMemo } from 'react';
import { bytesToText, formatMs } from '../lib/bytes';
import { usePlayground } from '../store/playground';
import type { CallNode } from '../store/trace';
import { failureMessage } from './CallTreeRow';
import { TrapDetails } from '../output/TrapDetails';

const EMPTY = new Uint8Array();

function when(node: CallNode, origin: number): string {
  const at = (t: number | null) => (t === null ? '–' : `+${formatMs(t - origin)}`);
  const blockedMs = node.blocked.reduce((sum, s) => sum + ((s.to ?? s.from) - s.from), 0);
  const took = node.startedAt !== null && node.finishedAt !== null ? `, took ${formatMs(node.finishedAt - node.startedAt)}` : '';
  const awaiting = blockedMs > 0 ? `, awaiting ${formatMs(blockedMs)}` : '';
  return `queued ${at(node.queuedAt)}, started ${at(node.startedAt)}, finished ${at(node.finishedAt)}${took}${awaiting}`;
}

/** A refusal's reason already starts with "refused: ". */
const withoutPrefix = (text: string, prefix: string) => (text.startsWith(prefix) ? text.slice(prefix.length) : text);

/** Everything about the call picked in the tree or timeline: placement, timings, output, failure. */
export function CallDetail() {
  const node = usePlayground((s) => (s.selectedCallId === null ? undefined : s.trace.nodes.get(s.selectedCallId)));
  const origin = usePlayground((s) => (s.trace.rootId === null ? 0 : (s.trace.nodes.get(s.trace.rootId)?.queuedAt ?? 0)));
  const output = node?.result?.output ?? EMPTY;
  const text = useMemo(() => bytesToText(output), [output]);
  if (!node) return <p className="panel-hint">Pick a call in the tree or the timeline to see its details.</p>;
  const result = node.result;
  const failure = failureMessage(node);
  const snapshot = node.snapshot ?? result?.snapshot;

  return (
    <div className="call-detail" data-testid="calls.detail" data-call-id={node.callId}>
      <h3 className="call-detail__title">
        {node.function} <span className="call-detail__id">#{node.callId}</span>
        <span className={`call-summary__status call-summary__status--${node.state}`}>{node.state}</span>
      </h3>
      <dl className="call-detail__facts">
        <dt>chained by</dt>
        <dd>{node.parentId === null ? 'the page (Run)' : `#${node.parentId}`}</dd>
        <dt>ran on</dt>
        <dd>
          {node.startedAt === null || node.faaslet === null ? (
            'not started'
          ) : (
            <>
              host {node.host},{' '}
              <button
                className="link-button"
                data-testid="calls.detail.faaslet"
                title="Show this Faaslet's memory"
                onClick={() => void usePlayground.getState().inspectFaaslet(node.faaslet!)}
              >
                Faaslet f{node.faaslet}
              </button>
            </>
          )}
        </dd>
        <dt>start</dt>
        <dd data-testid="calls.detail.start" data-start-kind={node.startKind ?? undefined}>
          {node.startKind === null ? '–' : `${node.startKind}${node.startMs === null ? '' : `, took ${formatMs(node.startMs)}`}`}
        </dd>
        <dt>from</dt>
        <dd data-testid="calls.detail.snapshot" data-snapshot={snapshot}>
          {snapshot === undefined ? "the function's Proto-Faaslet" : `snapshot "${snapshot}"`}
        </dd>
        <dt>argv</dt>
        <dd data-testid="calls.detail.argv">
          {result?.argv ? result.argv.map((arg, i) => <code key={i} className="call-detail__arg">{arg}</code>) : '–'}
        </dd>
        <dt>placement</dt>
        <dd>
          {node.placements.length === 0 && '–'}
          {node.placements.map((p, i) => (
            <div key={i} className={p.kind === 'refused' ? 'call-detail__bad' : undefined}>
              {p.kind}
              {p.host !== null && ` on host ${p.host}`}: {withoutPrefix(p.reason, `${p.kind}: `)}
            </div>
          ))}
        </dd>
        <dt>time</dt>
        <dd>{when(node, origin)}</dd>
        <dt>CPU time</dt>
        <dd data-testid="calls.detail.cpu" title="The Faaslet's own execution, counted as fuel: time blocked in await, locks or the global tier is not in it">
          {result ? `${formatMs(result.cpuMs)} CPU, ${formatMs(result.wallMs)} wall` : '–'}
        </dd>
        <dt>input</dt>
        <dd>{result ? `${result.inputBytes} bytes` : '–'}</dd>
        <dt>return code</dt>
        <dd>{result?.returnCode ?? '–'}</dd>
      </dl>
      {result ? <TrapDetails result={result} scope="calls.detail" /> : failure && <p className="call-output__error">{failure}</p>}
      <h4 className="call-output__heading">Output</h4>
      <pre className="call-output__pre" data-testid="calls.detail.output">{text}</pre>
      {result?.stdout && (
        <>
          <h4 className="call-output__heading">stdout</h4>
          <pre className="call-output__pre">{result.stdout}</pre>
        </>
      )}
      {result?.stderr && (
        <>
          <h4 className="call-output__heading">stderr</h4>
          <pre className="call-output__pre call-output__pre--stderr">{result.stderr}</pre>
        </>
      )}
    </div>
  );
}
