/** Faasm's conventions for what a finished call reports. */
import type { CallResult } from '../api';
import type { PoolOutcome } from './pool';

const encoder = new TextEncoder();

/** Faasm replaces a failed call's output with this text. */
export const failedOutput = (returnCode: number) =>
  encoder.encode(`Call failed (return value=${returnCode})`);

export type CallOutcome = PoolOutcome | { kind: 'refused'; message: string };

export function callResult(
  callId: number,
  name: string,
  outcome: CallOutcome,
  timeLimitMs: number,
  streams: { stdout: string; stderr: string } = { stdout: '', stderr: '' },
): CallResult {
  const base = {
    callId,
    function: name,
    stdout: streams.stdout,
    stderr: streams.stderr,
    stack: [],
    startKind: 'cold' as const,
    startMs: 0,
    wallMs: 0,
  };
  switch (outcome.kind) {
    case 'done': {
      const { done, warm, queuedMs } = outcome;
      const returnCode = done.returnCode;
      return {
        ...base,
        status: done.trap ? 'trapped' : returnCode === 0 ? 'ok' : 'failed',
        returnCode,
        output: returnCode === 0 ? done.output : failedOutput(returnCode),
        message: done.trap?.message ?? null,
        stack: done.trap?.stack ?? [],
        startKind: warm ? 'warm' : 'cold',
        startMs: done.instantiateMs,
        wallMs: queuedMs + done.instantiateMs + done.runMs,
      };
    }
    case 'killed':
      return {
        ...base,
        status: outcome.reason === 'stopped' ? 'stopped' : 'killed',
        returnCode: 1,
        output: failedOutput(1),
        message:
          outcome.reason === 'stopped'
            ? 'stopped by the user'
            : `killed: the Faaslet ran past its CPU-time limit of ${timeLimitMs} ms`,
        wallMs: outcome.queuedMs + outcome.elapsedMs,
      };
    case 'crashed':
      return { ...base, status: 'trapped', returnCode: 1, output: failedOutput(1), message: outcome.message };
    case 'refused':
      return { ...base, status: 'refused', returnCode: 1, output: failedOutput(1), message: outcome.message };
  }
}
