/** Faasm's conventions for what a finished call reports. */
import type { CallResult, Timestamp } from '../api';
import { FUEL_UNITS_PER_MS } from '../faaslet/fuel';
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

/** A call's CPU time, ms, from the fuel units its Faaslet booked. */
export const cpuMsOf = (fuelUnits: number): number => fuelUnits / FUEL_UNITS_PER_MS;

const ms = (value: number): string => (value < 10 ? value.toFixed(1) : String(Math.round(value)));

/** The text of a CPU-time-limit kill: the limit, and the CPU and wall time the call used. */
export function cpuLimitMessage(limitMs: number, cpuMs: number, wallMs: number): string {
  return `killed: CPU-time limit of ${limitMs} ms reached (used ${ms(cpuMs)} ms CPU, ${ms(wallMs)} ms wall)`;
}

export function callResult(facts: CallFacts, outcome: CallOutcome, timeLimitMs: number): CallResult {
  const fuelUnits = outcome.kind === 'done' ? outcome.done.fuelUnits : outcome.kind === 'killed' ? outcome.fuelUnits : 0;
  const finishedAt = now();
  const base = { ...facts, stack: [], finishedAt, wallMs: finishedAt - facts.queuedAt, fuelUnits, cpuMs: cpuMsOf(fuelUnits) };
  const failed = (status: CallResult['status'], message: string): CallResult => ({
    ...base,
    status,
    returnCode: 1,
    output: failedOutput(1),
    message,
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
      };
    }
    case 'killed':
      return outcome.reason === 'stopped'
        ? failed('stopped', 'stopped by the user')
        : failed('killed', cpuLimitMessage(timeLimitMs, base.cpuMs, base.wallMs));
    case 'crashed':
      return failed('trapped', outcome.message);
    case 'refused':
      return failed('refused', outcome.message);
  }
}
