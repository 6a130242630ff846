/** The cluster counts the page's memory in the counter its Faaslets grow against (faaslet/grow.ts). */
import { describe, expect, it } from 'vitest';
import type { RunJob } from '../faaslet';
import { MemoryGrowth } from '../faaslet/grow';
import { StateArena } from '../state';
import { PAGE_SIZE } from '../proto';
import { Cluster, type ClusterCall } from './cluster';
import { fakeJob, fakeSpawner, type Script } from './fake-worker.test-support';

const MIB_PAGES = 16;

/** A cluster whose Faaslets, when a call runs, grow memory 0 by `grow(job)` pages through the grow import. */
function clusterGrowing(budgetMiB: number, grow: (job: RunJob) => number, arena = StateArena.create({ initialPages: 16 })) {
  const lines: string[] = [];
  const { spawn, spawned } = fakeSpawner((job): Script => {
    const growth = new MemoryGrowth(job.memory);
    growth.begin(job.pages, arena.memory, (text) => lines.push(text), () => {});
    const pages = grow(job);
    if (pages > 0) lines.push(`grow ${pages}: ${growth.grow(pages)}`);
    return { kind: 'done', ms: 20 };
  });
  const cluster = new Cluster(
    { hosts: 1, slotsPerHost: 2, maxCallDepth: 64, maxPendingPerUser: 1024, memoryBudgetMiB: budgetMiB },
    spawn,
    { started() {}, output() {}, chain() {}, await() {}, proto() {} },
    () => {},
    () => [arena.memory],
  );
  return { cluster, spawned, lines, arena };
}

const call = (callId: number, fn: string, reasons: string[], arena: StateArena): ClusterCall => ({
  callId,
  function: fn,
  minPages: MIB_PAGES,
  memoryLimitPages: 64 * MIB_PAGES,
  module: {} as WebAssembly.Module,
  fingerprint: fn,
  image: () => null,
  callerHost: null,
  placed: ({ kind, reason }) => reasons.push(`${callId} ${kind}: ${reason}`),
  // The job's memories are the Faaslet's own and its user's arena, as the invoker makes them.
  job: (faaslet, start) => ({ ...fakeJob(callId), memory: faaslet.memory!, arena: arena.handle, start }),
  dispatched: () => {},
  stopRequested: () => false,
});

const inUse = (cluster: Cluster) => {
  const { faasletBytes, arenaBytes } = cluster.view().memory;
  return (faasletBytes + arenaBytes) / 2 ** 20;
};

describe('the page-wide memory counter in the cluster', () => {
  it('counts memory 0 when a call is placed, its growth while it runs, and the arena; a grow past the budget is refused with the figures', async () => {
    const reasons: string[] = [];
    // 1 MiB of arena, 1 MiB each call starts with; the first call grows 2 MiB, the second asks 8.
    const { cluster, lines, arena } = clusterGrowing(6, (job) => (job.callId === 1 ? 2 * MIB_PAGES : 8 * MIB_PAGES));
    await cluster.ready();
    expect(inUse(cluster)).toBe(1);
    const first = await cluster.run(call(1, 'demo/a', reasons, arena), 1000);
    expect(first.placed?.faaslet.memory?.buffer.byteLength).toBe(3 * MIB_PAGES * PAGE_SIZE);
    expect(inUse(cluster)).toBe(4);
    expect(cluster.pages.reservedPages).toBe(4 * MIB_PAGES);
    const second = await cluster.run(call(2, 'demo/b', reasons, arena), 1000);
    expect(second.placed).not.toBeNull();
    expect(lines).toEqual([
      'grow 32: 16',
      "faasm: memory.grow of 128 pages (8 MiB) refused: the page's memory budget is 6 MiB and 5 MiB is in use (1 MiB of it this Faaslet's); malloc returns NULL (ENOMEM)\n",
      'grow 128: -1',
    ]);
    expect(inUse(cluster)).toBe(5);
  });

  it('the next placement reads the grown figure, and a memory let go leaves the counter', async () => {
    const reasons: string[] = [];
    const { cluster, spawned, arena } = clusterGrowing(4, (job) => (job.callId === 1 ? 2 * MIB_PAGES : 0));
    await cluster.ready();
    await cluster.run(call(1, 'demo/a', reasons, arena), 1000);
    expect(inUse(cluster)).toBe(4); // arena 1 + demo/a's 3
    // demo/b needs 1 MiB: only by taking back demo/a's idle, grown memory.
    const run = await cluster.run(call(2, 'demo/b', reasons, arena), 1000);
    expect(run.placed).not.toBeNull();
    expect(spawned.length).toBeGreaterThan(2); // demo/a's Worker was replaced with its memory
    expect(inUse(cluster)).toBe(2);
    expect(cluster.pages.reservedPages).toBe(2 * MIB_PAGES);
  });

  it('counts what an arena grew to once it is seen, and a call that cannot fit beside it is refused with both figures', async () => {
    const reasons: string[] = [];
    const arena = StateArena.create({ initialPages: 16 });
    const { cluster } = clusterGrowing(2, () => 0, arena);
    arena.memory.grow(MIB_PAGES); // a state call made the arena 2 MiB
    const run = await cluster.run(call(1, 'demo/a', reasons, arena), 1000);
    expect(run).toEqual({
      placed: null,
      refused: "refused: demo/a needs 1 MiB of memory to start; the page's memory budget is 2 MiB and 2 MiB is in use (0 MiB in 0 Faaslets, 2 MiB of state)",
    });
    expect(inUse(cluster)).toBe(2);
  });
});
