import { describe, expect, it } from 'vitest';
import type { Placement } from '../api';
import { captureImage, PAGE_SIZE, type ProtoImage } from '../proto';
import { Cluster, type ClusterCall } from './cluster';
import { fakeJob, fakeSpawner, type Script } from './fake-worker.test-support';

const module = {} as WebAssembly.Module;

function clusterWith(hosts: number, slots: number, script: () => Script, memoryBudgetMiB = 4096) {
  const { spawn, spawned } = fakeSpawner(script);
  const cluster = new Cluster(
    { hosts, slotsPerHost: slots, maxCallDepth: 64, maxPendingPerUser: 1024, memoryBudgetMiB },
    spawn,
    { started() {}, output() {}, chain() {}, await() {}, proto() {} },
    () => {},
  );
  return { cluster, spawned };
}

function call(callId: number, placements: Placement['kind'][], fn = 'demo/f', image: ProtoImage | null = null, memoryLimitPages = 16): ClusterCall {
  return {
    callId,
    function: fn,
    minPages: 1,
    memoryLimitPages,
    module,
    fingerprint: 'f1',
    image: () => image,
    callerHost: null,
    placed: ({ kind }) => placements.push(kind),
    job: (_faaslet, start) => ({ ...fakeJob(callId), start }),
    dispatched: () => {},
    stopRequested: () => false,
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
    // Once the function has a Proto-Faaslet, an idle Faaslet holding its module resets warm.
    const image = captureImage(new Uint8Array(new SharedArrayBuffer(PAGE_SIZE)), {}, 'f1');
    const again = await cluster.run(call(5, placements, 'demo/f', image), 1000);
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

  it('starts cold and asks for the Proto-Faaslet while the function has none', async () => {
    const { cluster, spawned } = clusterWith(1, 1, () => ({ kind: 'done', ms: 1 }));
    const run = await cluster.run(call(1, []), 1000);
    expect(run.placed?.start).toEqual({ kind: 'cold', fingerprint: 'f1', capture: true });
    expect(spawned[0]?.jobs[0]?.start?.kind).toBe('cold');
  });

  it('restores into a memory the image\'s size, then resets warm, and restores again once the memory grew', async () => {
    const image = captureImage(new Uint8Array(new SharedArrayBuffer(3 * PAGE_SIZE)), {}, 'f1');
    const { cluster } = clusterWith(1, 1, () => ({ kind: 'done', ms: 1 }));
    const first = await cluster.run(call(1, [], 'demo/f', image), 1000);
    expect(first.placed?.startKind).toBe('restored');
    const faaslet = first.placed!.faaslet;
    expect(faaslet.memory?.buffer.byteLength).toBe(3 * PAGE_SIZE);
    const second = await cluster.run(call(2, [], 'demo/f', image), 1000);
    expect(second.placed?.startKind).toBe('warm');
    expect(second.placed?.start).toMatchObject({ kind: 'warm', image });
    faaslet.memory!.grow(1); // the call grew its memory: a reset in place cannot undo that
    const third = await cluster.run(call(3, [], 'demo/f', image), 1000);
    expect(third.placed?.startKind).toBe('restored');
    expect(faaslet.memory?.buffer.byteLength).toBe(3 * PAGE_SIZE);
  });

  it('does not start a Faaslet warm on the module of an older build', async () => {
    const image = captureImage(new Uint8Array(new SharedArrayBuffer(PAGE_SIZE)), {}, 'f1');
    const { cluster } = clusterWith(1, 1, () => ({ kind: 'done', ms: 1 }));
    await cluster.run(call(1, [], 'demo/f', image), 1000);
    const rebuilt = { ...call(2, [], 'demo/f', image), module: {} as WebAssembly.Module };
    expect((await cluster.run(rebuilt, 1000)).placed?.startKind).toBe('restored');
  });

  it('restores into the memory a Faaslet already has when it is not larger than the image', async () => {
    const image = captureImage(new Uint8Array(new SharedArrayBuffer(3 * PAGE_SIZE)), {}, 'f1');
    const { cluster } = clusterWith(1, 1, () => ({ kind: 'done', ms: 1 }));
    const first = await cluster.run(call(1, [], 'demo/other'), 1000); // cold: a 1-page memory
    const memory = first.placed!.faaslet.memory;
    const second = await cluster.run(call(2, [], 'demo/f', image), 1000);
    expect(second.placed?.startKind).toBe('restored');
    expect(second.placed?.faaslet.memory).toBe(memory);
    expect(second.placed?.faaslet.function).toBe('demo/f');
  });

  it('makes memory 0 with the function\'s limit as its maximum, and a new limit means a new memory', async () => {
    const image = captureImage(new Uint8Array(new SharedArrayBuffer(2 * PAGE_SIZE)), {}, 'f1');
    const { cluster } = clusterWith(1, 1, () => ({ kind: 'done', ms: 1 }));
    const first = await cluster.run(call(1, [], 'demo/f', image, 4), 1000);
    const memory = first.placed!.faaslet.memory!;
    expect(memory.grow(2)).toBe(2);
    expect(() => memory.grow(1)).toThrow(RangeError);
    // Same module, same image: warm, were it not for the limit the person changed.
    const second = await cluster.run(call(2, [], 'demo/f', image, 8), 1000);
    expect(second.placed?.startKind).toBe('restored');
    expect(second.placed?.faaslet.memory).not.toBe(memory);
    expect(second.placed?.faaslet.memoryLimitPages).toBe(8);
  });

  it('refuses a call whose module or Proto-Faaslet needs more than its memory limit, and runs the next', async () => {
    const image = captureImage(new Uint8Array(new SharedArrayBuffer(3 * PAGE_SIZE)), {}, 'f1');
    const { cluster } = clusterWith(1, 1, () => ({ kind: 'done', ms: 1 }));
    const placements: Placement['kind'][] = [];
    const refused = await cluster.run(call(1, placements, 'demo/f', image, 2), 1000);
    expect(refused).toEqual({ placed: null, refused: 'refused: demo/f has a memory limit of 0.13 MiB, and its Proto-Faaslet holds 0.19 MiB' });
    expect(placements).toEqual(['refused']);
    expect((await cluster.run(call(2, [], 'demo/f', image, 3), 1000)).placed?.startKind).toBe('restored');
  });

  it('stops a queued call: it leaves the queue with a stopped run and never reaches a Faaslet', async () => {
    const { cluster, spawned } = clusterWith(1, 1, () => ({ kind: 'done', ms: 30 }));
    const placements: Placement['kind'][] = [];
    const first = cluster.run(call(1, placements), 1000);
    const queued = cluster.run(call(2, placements), 1000);
    expect(cluster.view().queued).toBe(1);
    expect(cluster.stop(2)).toBe(true);
    expect(await queued).toEqual({ placed: null, stopped: true });
    expect(cluster.view().queued).toBe(0);
    expect((await first).placed).not.toBeNull();
    expect(spawned[0]?.jobs.map((j) => j.callId)).toEqual([1]);
  });

  it('does not dispatch a call stopped while its Faaslet was starting, and frees the slot', async () => {
    const { cluster } = clusterWith(1, 1, () => ({ kind: 'done', ms: 1 }));
    let stop = false;
    const run = cluster.run({ ...call(1, []), stopRequested: () => stop }, 1000);
    stop = true;
    expect(await run).toEqual({ placed: null, stopped: true });
    expect(cluster.view().hosts[0]?.faaslets[0]?.state).toBe('idle');
  });

  describe('the page-wide memory budget', () => {
    const imageOf = (mib: number) => captureImage(new Uint8Array(new SharedArrayBuffer(mib * 16 * PAGE_SIZE)), {}, 'f1');
    const reasons: string[] = [];
    const budgeted = (callId: number, fn: string, mib: number): ClusterCall => ({
      ...call(callId, [], fn, imageOf(mib), 64),
      placed: ({ kind, reason }) => reasons.push(`${callId} ${kind}: ${reason}`),
    });

    it('queues a call that would pass it until a running call ends, then takes back the idle memory', async () => {
      reasons.length = 0;
      const { cluster, spawned } = clusterWith(1, 2, () => ({ kind: 'done', ms: 30 }), 3);
      await cluster.ready();
      const first = cluster.run(budgeted(1, 'demo/a', 2), 1000);
      const second = cluster.run(budgeted(2, 'demo/b', 2), 1000);
      expect(reasons[1]).toBe(
        "2 queued: waiting for memory: demo/b needs 2 MiB of memory to start; the page's memory budget is 3 MiB and 2 MiB is in use (2 MiB in 1 Faaslet, 0 MiB of state)",
      );
      expect(cluster.view().memory).toEqual({ budgetBytes: 3 * 2 ** 20, faasletBytes: 2 * 2 ** 20, arenaBytes: 0, waitingForMemory: 1 });
      expect((await first).placed).not.toBeNull();
      const run = await second;
      expect(run.placed).not.toBeNull();
      // demo/a's idle Faaslet gave its memory back: its Worker was replaced, so the instance is gone too.
      expect(spawned).toHaveLength(3);
      expect(cluster.view().memory.faasletBytes).toBe(2 * 2 ** 20);
    });

    it('refuses a call that cannot fit, with the figures', async () => {
      reasons.length = 0;
      const { cluster } = clusterWith(1, 1, () => ({ kind: 'done', ms: 1 }), 1);
      const run = await cluster.run(budgeted(1, 'demo/big', 2), 1000);
      expect(run).toEqual({
        placed: null,
        refused: "refused: demo/big needs 2 MiB of memory to start; the page's memory budget is 1 MiB and 0 MiB is in use (0 MiB in 0 Faaslets, 0 MiB of state)",
      });
    });
  });
});
