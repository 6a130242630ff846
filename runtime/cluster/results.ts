/** Faasm's conventions for what a finished call reports. */
import type { CallResult, Timestamp } from '../api';
import type { RunOutcome } from './faaslet-handle';

const encoder = new TextEncoder();

/** Faasm replaces a failed call's output with this text. */
export const failedOutput = (returnCode: number) =>
  encoder.encode(`Call failed (return value=${returnCode})`);

export type CallOutcome = RunOutcome | { kind: 'refused'; message: string };

/** What the agent knows of a call besides how it ended. */
export type CallFacts = Pick<
  CallResult,
  | 'callId'
  | 'parentId'
  | 'function'
  | 'host'
  | 'faaslet'
  | 'inputBytes'
  | 'queuedAt'
  | 'startedAt'
  | 'startKind'
  | 'snapshot'
  | 'argv'
  | 'startMs'
  | 'stdout'
  | 'stderr'
>;

export const now = (): Timestamp => performance.timeOrigin + performance.now();

export function callResult(facts: CallFacts, outcome: CallOutcome, timeLimitMs: number): CallResult {
  const base = { ...facts, stack: [], finishedAt: now() };
  const failed = (status: CallResult['status'], message: string): CallResult => ({
    ...base,
    status,
    returnCode: 1,
    output: failedOutput(1),
    message,
    wallMs: base.finishedAt - facts.queuedAt,
  });
  switch (outcome.kind) {
    case 'done': {
      const { done } = outcome;
      const returnCode = done.returnCode;
      return {
        ...base,
        status: done.trap ? 'trapped' : returnCode === 0 ? 'ok' : 'failed',
        returnCode,
        output: returnCode === 0 ? done.output : failedOutput(returnCode),
        message: done.trap?.message ?? null,
        stack: done.trap?.stack ?? [],
        wallMs: base.finishedAt - facts.queuedAt,
      };
    }
    case 'killed':
      return outcome.reason === 'stopped'
        ? failed('stopped', 'stopped by the user')
        : failed('killed', `killed: the Faaslet ran past its CPU-time limit of ${timeLimitMs} ms`);
    case 'crashed':
      return failed('trapped', outcome.message);
    case 'refused':
      return failed('refused', outcome.message);
  }
}
