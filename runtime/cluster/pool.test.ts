import { describe, expect, it } from 'vitest';
import type { FaasletToHost, HostToFaaslet, RunJob } from '../faaslet';
import { FaasletPool } from './pool';

/** Stands in for a Faaslet Worker: answers each run after `delayMs`, or never when negative. */
class FakeWorker {
  onmessage: ((event: MessageEvent<FaasletToHost>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  terminated = false;
  constructor(private readonly delayMs: () => number) {
    queueMicrotask(() => this.reply({ kind: 'ready' }));
  }
  private reply(message: FaasletToHost) {
    if (!this.terminated) this.onmessage?.({ data: message } as MessageEvent<FaasletToHost>);
  }
  postMessage({ job }: HostToFaaslet) {
    const delay = this.delayMs();
    if (delay < 0) return;
    setTimeout(() => {
      this.reply({
        kind: 'done',
        callId: job.callId,
        returnCode: 0,
        output: new Uint8Array([job.callId]),
        trap: null,
        instantiateMs: 0,
        runMs: delay,
      });
    }, delay);
  }
  terminate() {
    this.terminated = true;
  }
}

const module = {} as WebAssembly.Module;
const job = (callId: number): RunJob => ({
  callId,
  functionName: 'demo/f',
  module,
  memory: {} as WebAssembly.Memory,
  input: new Uint8Array(),
  args: [],
});

function poolOf(size: number, delayMs: () => number) {
  const spawned: FakeWorker[] = [];
  const pool = new FaasletPool(
    size,
    () => {
      const worker = new FakeWorker(delayMs);
      spawned.push(worker);
      return worker as unknown as Worker;
    },
    () => {},
  );
  return { pool, spawned };
}

describe('FaasletPool', () => {
  it('queues calls beyond its size and runs them all', async () => {
    const { pool, spawned } = poolOf(2, () => 5);
    const outcomes = await Promise.all([1, 2, 3, 4, 5].map((id) => pool.run(job(id), 1000)));
    expect(outcomes.map((o) => (o.kind === 'done' ? o.done.callId : -1))).toEqual([1, 2, 3, 4, 5]);
    expect(spawned).toHaveLength(2);
    expect(outcomes.some((o) => o.queuedMs > 0)).toBe(true);
  });

  it('says a call is warm when its Worker has run the module before', async () => {
    const { pool } = poolOf(1, () => 1);
    const first = await pool.run(job(1), 1000);
    const second = await pool.run(job(2), 1000);
    expect(first.kind === 'done' && first.warm).toBe(false);
    expect(second.kind === 'done' && second.warm).toBe(true);
  });

  it('kills a call past its time limit, replaces the Worker, and keeps working', async () => {
    let hang = true;
    const { pool, spawned } = poolOf(1, () => (hang ? -1 : 1));
    const killed = await pool.run(job(1), 30);
    expect(killed).toMatchObject({ kind: 'killed', reason: 'time-limit' });
    expect(spawned[0]?.terminated).toBe(true);
    expect(spawned).toHaveLength(2);
    hang = false;
    const next = await pool.run(job(2), 1000);
    expect(next.kind === 'done' && next.warm).toBe(false);
  });

  it('stops a running call at once', async () => {
    const { pool, spawned } = poolOf(1, () => -1);
    const running = pool.run(job(7), 10_000);
    await new Promise((r) => setTimeout(r, 10));
    expect(pool.stop(8)).toBe(false);
    expect(pool.stop(7)).toBe(true);
    expect(await running).toMatchObject({ kind: 'killed', reason: 'stopped' });
    expect(spawned[0]?.terminated).toBe(true);
  });
});
