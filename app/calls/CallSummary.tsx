import type { CallStatus } from '../../runtime';
import { formatMs } from '../lib/bytes';
import { usePlayground, type CallView } from '../store/playground';

const STATUS_TEXT: Record<CallStatus, string> = {
  ok: 'ok',
  failed: 'failed',
  trapped: 'trapped',
  killed: 'killed by the CPU-time limit',
  stopped: 'stopped',
  refused: 'refused',
};

/** A status key for styling and tests, and the words shown for it. */
function describe(call: CallView): [string, string] {
  if (call.result) {
    const { status } = call.result;
    return [status, STATUS_TEXT[status]];
  }
  if (call.stopRequested && (call.phase === 'running' || call.phase === 'building')) return [call.phase, 'stopping…'];
  if (call.phase === 'building') return ['building', 'building…'];
  if (call.phase === 'running') return ['running', 'running…'];
  if (call.phase === 'failed') return ['failed', 'failed'];
  if (call.phase === 'cancelled') return ['cancelled', 'not run'];
  return ['idle', 'not run yet — press Run'];
}

/** Status, return code and timings of the last call. */
export function CallSummary() {
  const call = usePlayground((s) => s.call);
  const result = call.result;
  const [status, statusText] = describe(call);

  return (
    <div className="call-summary">
      <span className={`call-summary__status call-summary__status--${status}`} data-testid="output.status" data-status={status}>
        {statusText}
      </span>
      <dl className="call-summary__facts">
        <dt>return code</dt>
        <dd data-testid="output.returncode">{result ? result.returnCode : '–'}</dd>
        <dt>wall time</dt>
        <dd data-testid="output.walltime">{result ? formatMs(result.wallMs) : '–'}</dd>
        <dt title="The Faaslet's own execution, counted as fuel: time blocked in await, locks or the global tier is not in it">CPU time</dt>
        <dd data-testid="output.cputime">{result ? formatMs(result.cpuMs) : '–'}</dd>
        <dt>start</dt>
        <dd data-testid="output.starttime">{result ? `${formatMs(result.startMs)} (${result.startKind})` : '–'}</dd>
      </dl>
    </div>
  );
}
