import { describe, expect, it } from 'vitest';
import type { CallNode } from '../store/trace';
import { layoutTimeline, tickStep } from './timeline';

const node = (callId: number, patch: Partial<CallNode>): CallNode => ({
  callId, parentId: null, depth: 0, function: 'demo/f', state: 'ok', placements: [], host: 0, faaslet: 1,
  startKind: 'warm', startMs: 0.4, queuedAt: 0, startedAt: 1, finishedAt: 5, blocked: [], children: [], result: null, ...patch,
});

describe('timeline layout', () => {
  it('gives each Faaslet a lane, by host then Faaslet, and calls not started the last one', () => {
    const layout = layoutTimeline(
      [
        node(1, { host: 1, faaslet: 7 }),
        node(2, { host: 0, faaslet: 3 }),
        node(3, { host: 1, faaslet: 2 }),
        node(4, { state: 'refused', host: null, faaslet: null, startedAt: null, finishedAt: 2 }),
        node(5, { host: 0, faaslet: 3, queuedAt: 6, startedAt: 7, finishedAt: 9 }),
      ],
      100,
    );
    expect(layout.lanes.map((l) => l.label)).toEqual(['h0 · f3', 'h1 · f2', 'h1 · f7', 'not started']);
    expect(layout.bars.map((b) => b.lane)).toEqual([2, 0, 1, 3, 0]);
    expect([layout.start, layout.end]).toEqual([0, 9]);
  });

  it('ends running calls and open blocked spans at now', () => {
    const layout = layoutTimeline([node(1, { state: 'blocked', finishedAt: null, blocked: [{ from: 2, to: null, awaiting: 2 }] })], 50);
    expect(layout.bars[0]).toMatchObject({ end: 50, blocked: [[2, 50]] });
  });

  it('picks round tick steps', () => {
    expect(tickStep(100, 800)).toBe(10);
    expect(tickStep(1000, 400)).toBe(200);
    expect(tickStep(3, 600)).toBe(0.5);
  });
});
