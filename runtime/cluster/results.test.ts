import { describe, expect, it } from 'vitest';
import { FUEL_UNITS_PER_MS } from '../faaslet/fuel';
import { callResult, cpuLimitMessage, type CallFacts } from './results';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const facts: CallFacts = {
  callId: 1,
  parentId: null,
  function: 'demo/f',
  host: 0,
  faaslet: 3,
  inputBytes: 5,
  queuedAt: 1000,
  startedAt: 1001,
  startKind: 'warm',
  startMs: 2,
  stdout: 'hi\n',
  stderr: '',
};
const done = (returnCode: number, trap: { message: string; stack: [] } | null = null) => ({
  kind: 'done' as const,
  done: {
    kind: 'done' as const,
    callId: 1,
    returnCode,
    output: new TextEncoder().encode('hello'),
    trap,
    runMs: 3,
    fuelUnits: 2.5 * FUEL_UNITS_PER_MS,
  },
});

describe('callResult', () => {
  it('keeps the output of a call that returned 0, with where and how it started', () => {
    const result = callResult(facts, done(0), 5000);
    expect(result).toMatchObject({ status: 'ok', returnCode: 0, startKind: 'warm', startMs: 2, host: 0, faaslet: 3, stdout: 'hi\n' });
    expect(text(result.output)).toBe('hello');
    expect(result.finishedAt).toBeGreaterThan(result.startedAt);
  });

  it('shows the CPU time the Faaslet booked beside the wall time', () => {
    const result = callResult(facts, done(0), 5000);
    expect(result).toMatchObject({ fuelUnits: 2.5 * FUEL_UNITS_PER_MS, cpuMs: 2.5 });
    expect(result.wallMs).toBe(result.finishedAt - facts.queuedAt);
    expect(cpuLimitMessage(1500, 1500.4, 3012.6)).toBe('killed: CPU-time limit of 1500 ms reached (used 1500 ms CPU, 3013 ms wall)');
    expect(cpuLimitMessage(5, 5.04, 7.26)).toBe('killed: CPU-time limit of 5 ms reached (used 5.0 ms CPU, 7.3 ms wall)');
  });

  it('replaces the output of a failed call as Faasm does', () => {
    const result = callResult(facts, done(3), 5000);
    expect(result.status).toBe('failed');
    expect(text(result.output)).toBe('Call failed (return value=3)');
  });

  it('reports traps, kills, stops and refusals with their messages', () => {
    expect(callResult(facts, done(1, { message: 'unreachable', stack: [] }), 5000)).toMatchObject({
      status: 'trapped',
      message: 'unreachable',
    });
    const killed = callResult(facts, { kind: 'killed', reason: 'time-limit', elapsedMs: 5000, fuelUnits: 5000 * FUEL_UNITS_PER_MS, confirmed: true }, 5000);
    expect(killed).toMatchObject({ status: 'killed', returnCode: 1, fuelUnits: 5000 * FUEL_UNITS_PER_MS, cpuMs: 5000 });
    expect(killed.message).toBe(`killed: CPU-time limit of 5000 ms reached (used 5000 ms CPU, ${Math.round(killed.wallMs)} ms wall)`);
    expect(callResult(facts, { kind: 'killed', reason: 'stopped', elapsedMs: 10, fuelUnits: 0, confirmed: true }, 5000).status).toBe('stopped');
    expect(callResult(facts, { kind: 'refused', message: 'refused: depth' }, 5000)).toMatchObject({
      status: 'refused',
      message: 'refused: depth',
    });
  });
});
