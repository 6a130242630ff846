import { describe, expect, it } from 'vitest';
import type { Placement } from '../api';
import { Cluster, type ClusterCall } from './cluster';
import { fakeJob, fakeSpawner, type Script } from './fake-worker.test-support';

const module = {} as WebAssembly.Module;

function clusterWith(hosts: number, slots: number, script: () => Script) {
  const { spawn, spawned } = fakeSpawner(script);
  const cluster = new Cluster(
    { hosts, slotsPerHost: slots, maxCallDepth: 64, maxPendingPerUser: 1024 },
    spawn,
    { output() {}, chain() {}, await() {} },
    () => {},
    16,
  );
  return { cluster, spawned };
}

function call(callId: number, placements: Placement['kind'][], fn = 'demo/f'): ClusterCall {
  return {
    callId,
    function: fn,
    minPages: 1,
    module,
    callerHost: null,
    placed: ({ kind }) => placements.push(kind),
    job: () => fakeJob(callId),
    started: () => {},
  };
}

describe('Cluster', () => {
  it('pre-starts one Faaslet per slot on every host', async () => {
    const { cluster, spawned } = clusterWith(2, 3, () => ({ kind: 'done', ms: 1 }));
    await cluster.ready();
    expect(spawned).toHaveLength(6);
    expect(cluster.view().hosts.map((h) => h.faaslets.length)).toEqual([3, 3]);
  });

  it('queues calls beyond the slots, runs them all, and then starts warm', async () => {
    const { cluster, spawned } = clusterWith(1, 2, () => ({ kind: 'done', ms: 5 }));
    const placements: Placement['kind'][] = [];
    const runs = await Promise.all([1, 2, 3, 4].map((id) => cluster.run(call(id, placements), 1000)));
    expect(runs.every((r) => r.placed && r.outcome.kind === 'done')).toBe(true);
    expect(placements.filter((k) => k === 'queued')).toHaveLength(2);
    expect(spawned).toHaveLength(2);
    const again = await cluster.run(call(5, placements), 1000);
    expect(again.placed?.startKind).toBe('warm');
  });

  it('frees a blocked Faaslet\'s slot so a chain deeper than the slots cannot deadlock', async () => {
    let first = true;
    const { cluster, spawned } = clusterWith(1, 1, () => {
      const script: Script = first ? { kind: 'await', awaited: 2 } : { kind: 'done', ms: 1 };
      first = false;
      return script;
    });
    const placements: Placement['kind'][] = [];
    void cluster.run(call(1, placements), 1000);
    await new Promise((r) => setTimeout(r, 20));
    expect(cluster.view().hosts[0]?.faaslets[0]?.state).toBe('blocked');
    const child = await cluster.run(call(2, placements), 1000);
    expect(child.placed).not.toBeNull();
    // The child needed a Faaslet beyond the host's one slot: started on demand.
    expect(spawned.length).toBe(2);
    expect(placements).toEqual(['cold', 'cold']);
  });
});
