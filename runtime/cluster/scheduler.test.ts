import { describe, expect, it } from 'vitest';
import type { ClusterConfig } from '../api';
import { limitExceeded, place, type HostLoad } from './scheduler';

const host = (id: number, slots: number, faaslets: HostLoad['faaslets']): HostLoad => ({ id, slots, faaslets });
const f = (id: number, fn: string | null, state: 'idle' | 'running' | 'blocked' = 'idle') => ({ id, function: fn, state });

describe('place', () => {
  it('prefers an idle warm Faaslet of the function, even on a busier host', () => {
    const hosts = [host(0, 4, [f(1, null)]), host(1, 4, [f(2, 'demo/sq'), f(3, 'demo/x', 'running')])];
    expect(place('demo/sq', hosts, true)).toMatchObject({ kind: 'warm', host: 1, faaslet: 2 });
  });

  it('cold-starts on the host with most free slots, reusing an idle empty Faaslet first', () => {
    const hosts = [
      host(0, 4, [f(1, 'a', 'running'), f(2, 'b')]),
      host(1, 4, [f(3, null), f(4, 'c')]),
    ];
    expect(place('demo/sq', hosts, true)).toMatchObject({ kind: 'cold', host: 1, faaslet: 3 });
  });

  it('starts a new Faaslet when the host with free slots has no idle one', () => {
    const hosts = [host(0, 2, [f(1, 'a', 'running'), f(2, 'b', 'blocked')])];
    expect(place('a', hosts, true)).toMatchObject({ kind: 'cold', host: 0, faaslet: null });
    expect(place('a', hosts, false)).toMatchObject({ kind: 'queued' });
  });

  it("keeps a chained call on its caller's host while that host has a free slot", () => {
    const hosts = [host(0, 2, [f(1, 'a', 'blocked'), f(2, 'b')]), host(1, 4, [f(3, 'demo/sq'), f(4, null)])];
    expect(place('demo/sq', hosts, true, 0)).toMatchObject({ kind: 'cold', host: 0, faaslet: 2 });
    expect(place('demo/sq', hosts, true, null)).toMatchObject({ kind: 'warm', host: 1, faaslet: 3 });
  });

  it("goes elsewhere when the caller's host is full or can hold no other Faaslet", () => {
    const full = [host(0, 1, [f(1, 'a', 'running')]), host(1, 4, [f(3, null)])];
    expect(place('demo/sq', full, true, 0)).toMatchObject({ kind: 'cold', host: 1, faaslet: 3 });
    const noRoom = [host(0, 2, [f(1, 'a', 'blocked')]), host(1, 4, [f(3, null)])];
    expect(place('demo/sq', noRoom, false, 0)).toMatchObject({ kind: 'cold', host: 1, faaslet: 3 });
  });

  it('does not count blocked Faaslets against a host\'s slots', () => {
    const hosts = [host(0, 1, [f(1, 'a', 'blocked'), f(2, 'a')])];
    expect(place('a', hosts, true)).toMatchObject({ kind: 'warm', faaslet: 2 });
  });

  it('queues when every slot of every host is running', () => {
    const hosts = [host(0, 1, [f(1, 'a', 'running')]), host(1, 1, [f(2, 'a', 'running')])];
    const decision = place('a', hosts, true);
    expect(decision).toEqual({ kind: 'queued', reason: 'all 2 slots are busy' });
  });

  it('breaks ties by host id so placement is stable', () => {
    const hosts = [host(1, 4, []), host(0, 4, [])];
    expect(place('a', hosts, true)).toMatchObject({ kind: 'cold', host: 0 });
  });
});

describe('limitExceeded', () => {
  const config: ClusterConfig = { hosts: 2, slotsPerHost: 4, maxCallDepth: 64, maxPendingPerUser: 1024, memoryBudgetMiB: 4096 };
  it('refuses calls deeper than the depth limit and beyond the pending limit', () => {
    expect(limitExceeded(64, 0, config)).toBeNull();
    expect(limitExceeded(65, 0, config)).toMatch(/depth 65 exceeds the limit of 64/);
    expect(limitExceeded(1, 1023, config)).toBeNull();
    expect(limitExceeded(1, 1024, config)).toMatch(/1024 calls .* pending/);
  });
});
