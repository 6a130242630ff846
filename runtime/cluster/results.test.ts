import { describe, expect, it } from 'vitest';
import { callResult } from './results';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const done = (returnCode: number, trap: { message: string; stack: [] } | null = null) => ({
  kind: 'done' as const,
  warm: true,
  queuedMs: 1,
  done: {
    kind: 'done' as const,
    callId: 1,
    returnCode,
    output: new TextEncoder().encode('hello'),
    trap,
    instantiateMs: 2,
    runMs: 3,
  },
});

describe('callResult', () => {
  it('keeps the output of a call that returned 0', () => {
    const result = callResult(1, 'demo/f', done(0), 5000, { stdout: 'hi\n', stderr: '' });
    expect(result).toMatchObject({ status: 'ok', returnCode: 0, startKind: 'warm', wallMs: 6, stdout: 'hi\n' });
    expect(text(result.output)).toBe('hello');
  });

  it('replaces the output of a failed call as Faasm does', () => {
    const result = callResult(1, 'demo/f', done(3), 5000);
    expect(result.status).toBe('failed');
    expect(text(result.output)).toBe('Call failed (return value=3)');
  });

  it('reports traps, kills and stops with their messages', () => {
    expect(callResult(1, 'f', done(1, { message: 'unreachable', stack: [] }), 5000)).toMatchObject({
      status: 'trapped',
      message: 'unreachable',
    });
    const killed = callResult(1, 'f', { kind: 'killed', reason: 'time-limit', elapsedMs: 5000, queuedMs: 0 }, 5000);
    expect(killed).toMatchObject({ status: 'killed', returnCode: 1 });
    expect(killed.message).toMatch(/CPU-time limit of 5000 ms/);
    const stopped = callResult(1, 'f', { kind: 'killed', reason: 'stopped', elapsedMs: 10, queuedMs: 0 }, 5000);
    expect(stopped.status).toBe('stopped');
  });
});
