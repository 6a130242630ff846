import { describe, expect, it } from 'vitest';
import type { CallResult, RuntimeEvent } from '../../runtime';
import { applyEvents, emptyTrace, type CallTrace } from './trace';

const placed = (callId: number, parentId: number | null, kind: 'warm' | 'cold' | 'refused' = 'cold'): RuntimeEvent => ({
  type: 'call.placed',
  placement: { callId, parentId, function: 'demo/f', kind, host: kind === 'refused' ? null : 0, reason: 'why', at: callId },
});

const started = (callId: number, parentId: number | null): RuntimeEvent => ({
  type: 'call.started', callId, parentId, function: 'demo/f', host: 1, faaslet: 3, startKind: 'warm', startMs: 0.4, at: 10 + callId,
});

const result = (callId: number, parentId: number | null, patch: Partial<CallResult> = {}): CallResult => ({
  callId, parentId, function: 'demo/f', host: 1, faaslet: 3, inputBytes: 2, queuedAt: callId, startedAt: 10 + callId,
  finishedAt: 50, status: 'ok', returnCode: 0, output: new Uint8Array(), stdout: '', stderr: '', message: null,
  stack: [], startKind: 'warm', startMs: 0, wallMs: 40, fuelUnits: 0, cpuMs: 0, ...patch,
});

const waiting: CallTrace = { ...emptyTrace, awaitingRoot: true };

describe('call trace', () => {
  it('takes the first call from the page as the root and children by parent id', () => {
    const trace = applyEvents(waiting, [placed(1, null), started(1, null), placed(2, 1), placed(3, 1), placed(9, 8)]);
    expect(trace.rootId).toBe(1);
    expect(trace.awaitingRoot).toBe(false);
    expect([...trace.nodes.keys()]).toEqual([1, 2, 3]);
    expect(trace.nodes.get(1)).toMatchObject({ state: 'running', host: 1, faaslet: 3, startKind: 'warm', startMs: 0.4, children: [2, 3] });
    expect(trace.nodes.get(2)?.depth).toBe(1);
  });

  it('ignores calls from the page once the root is known, and everything when not running', () => {
    const trace = applyEvents(waiting, [placed(1, null), placed(5, null)]);
    expect([...trace.nodes.keys()]).toEqual([1]);
    expect(applyEvents(emptyTrace, [placed(1, null)])).toBe(emptyTrace);
  });

  it('records blocked intervals and closes an open one when the call ends', () => {
    let trace = applyEvents(waiting, [placed(1, null), started(1, null)]);
    trace = applyEvents(trace, [
      { type: 'call.blocked', callId: 1, awaiting: 2, at: 20 },
      { type: 'call.resumed', callId: 1, at: 25 },
      { type: 'call.blocked', callId: 1, awaiting: 3, at: 30 },
    ]);
    expect(trace.nodes.get(1)?.state).toBe('blocked');
    trace = applyEvents(trace, [{ type: 'call.finished', result: result(1, null, { status: 'killed', finishedAt: 40 }) }]);
    expect(trace.nodes.get(1)?.blocked).toEqual([{ from: 20, to: 25, awaiting: 2 }, { from: 30, to: 40, awaiting: 3 }]);
    expect(trace.nodes.get(1)?.state).toBe('killed');
  });

  it('keeps a refused call with its reason, and only touched calls get new objects', () => {
    const before = applyEvents(waiting, [placed(1, null), placed(2, 1)]);
    const after = applyEvents(before, [placed(3, 2, 'refused')]);
    expect(after.nodes.get(3)).toMatchObject({ state: 'refused', placements: [{ kind: 'refused', reason: 'why' }] });
    expect(after.nodes.get(1)).toBe(before.nodes.get(1));
    expect(after.nodes.get(2)).not.toBe(before.nodes.get(2));
  });

  it('keeps a stopped call stopped when late events of it arrive (its child ended after it)', () => {
    let trace = applyEvents(waiting, [placed(1, null), started(1, null), { type: 'call.blocked', callId: 1, awaiting: 2, at: 20 }]);
    trace = applyEvents(trace, [
      { type: 'call.finished', result: result(1, null, { status: 'stopped', finishedAt: 30 }) },
      { type: 'call.resumed', callId: 1, at: 31 },
      { type: 'call.blocked', callId: 1, awaiting: 3, at: 32 },
    ]);
    expect(trace.nodes.get(1)).toMatchObject({ state: 'stopped', blocked: [{ from: 20, to: 30, awaiting: 2 }] });
  });
});
