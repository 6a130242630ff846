import { describe, expect, it } from 'vitest';
import { callResult, type CallFacts } from './results';

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
    fuelUnits: 0,
  },
});

describe('callResult', () => {
  it('keeps the output of a call that returned 0, with where and how it started', () => {
    const result = callResult(facts, done(0), 5000);
    expect(result).toMatchObject({ status: 'ok', returnCode: 0, startKind: 'warm', startMs: 2, host: 0, faaslet: 3, stdout: 'hi\n' });
    expect(text(result.output)).toBe('hello');
    expect(result.finishedAt).toBeGreaterThan(result.startedAt);
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
    const killed = callResult(facts, { kind: 'killed', reason: 'time-limit', elapsedMs: 5000, fuelUnits: 0, confirmed: true }, 5000);
    expect(killed).toMatchObject({ status: 'killed', returnCode: 1 });
    expect(killed.message).toMatch(/CPU-time limit of 5000 ms/);
    expect(callResult(facts, { kind: 'killed', reason: 'stopped', elapsedMs: 10, fuelUnits: 0, confirmed: true }, 5000).status).toBe('stopped');
    expect(callResult(facts, { kind: 'refused', message: 'refused: depth' }, 5000)).toMatchObject({
      status: 'refused',
      message: 'refused: depth',
    });
  });
});
