import { Worker } from 'node:worker_threads';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleStateModule } from '../state/test-support/bundle';
import { CountedPages, MemoryGrowth, PageBudget, WASM_PAGE_BYTES } from './grow';

const memoryOf = (pages: number, maximum = 1000) => new WebAssembly.Memory({ initial: pages, maximum, shared: true });

/** A Faaslet's grow import on `memory`, counted in `budget`, its stderr lines collected. */
function growthOn(memory: WebAssembly.Memory, budget: PageBudget, arena?: { memory: WebAssembly.Memory; counted: CountedPages }) {
  const counted = CountedPages.create(memory.buffer.byteLength / WASM_PAGE_BYTES);
  budget.charge(counted.pages);
  const lines: string[] = [];
  const growth = new MemoryGrowth(memory);
  const job = { budget: budget.buffer, memory: counted.buffer, arena: arena?.counted.buffer ?? null, maxPages: 1000 };
  growth.begin(job, arena?.memory ?? memoryOf(1), (text) => lines.push(text), () => {});
  return { growth, counted, lines };
}

describe('the page-wide memory budget counter', () => {
  it('reserves within the budget, refuses past it changing nothing, and gives back what a memory let go had', () => {
    const budget = PageBudget.create(100);
    expect(budget.tryReserve(60)).toBe(true);
    expect(budget.tryReserve(41)).toBe(false);
    expect(budget.reservedPages).toBe(60);
    expect(budget.tryReserve(40)).toBe(true);
    const counted = CountedPages.create(30);
    budget.letGo(counted);
    expect([budget.reservedPages, counted.pages]).toEqual([70, 0]);
  });

  it('a grow within the budget grows memory 0 and counts it; past the budget it returns -1 and says why with every figure, once', () => {
    const budget = PageBudget.create(64); // 4 MiB
    const memory = memoryOf(16);
    const { growth, counted, lines } = growthOn(memory, budget);
    expect(growth.grow(32)).toBe(16);
    expect([memory.buffer.byteLength / WASM_PAGE_BYTES, counted.pages, budget.reservedPages]).toEqual([48, 48, 48]);
    expect(growth.grow(32)).toBe(-1);
    expect(growth.grow(17)).toBe(-1);
    expect(memory.buffer.byteLength / WASM_PAGE_BYTES).toBe(48);
    expect(lines).toEqual([
      "faasm: memory.grow of 32 pages (2 MiB) refused: the page's memory budget is 4 MiB and 3 MiB is in use (3 MiB of it this Faaslet's); malloc returns NULL (ENOMEM)\n",
    ]);
    // What still fits is given.
    expect(growth.grow(16)).toBe(48);
    expect(budget.reservedPages).toBe(64);
  });

  it('a grow past the memory maximum reserves nothing', () => {
    const budget = PageBudget.create(1000);
    const memory = memoryOf(1, 4);
    const counted = CountedPages.create(1);
    const growth = new MemoryGrowth(memory);
    growth.begin({ budget: budget.buffer, memory: counted.buffer, arena: null, maxPages: 4 }, memoryOf(1), () => {}, () => {});
    expect(growth.grow(8)).toBe(-1);
    expect(budget.reservedPages).toBe(0);
  });

  it('counts an arena\'s growth once, whoever settles it, before a grow decides', () => {
    const budget = PageBudget.create(40);
    const arena = { memory: memoryOf(4), counted: CountedPages.create(0) };
    const { growth } = growthOn(memoryOf(1), budget, arena);
    arena.memory.grow(26); // a state call grew it: 30 pages, not counted yet
    budget.settle(arena.memory, arena.counted);
    budget.settle(arena.memory, arena.counted);
    expect(budget.reservedPages).toBe(31);
    arena.memory.grow(5);
    // The grow settles the arena first: 36 in use, so 8 more do not fit, 4 do.
    expect(growth.grow(8)).toBe(-1);
    expect(growth.grow(4)).toBe(1);
    expect(budget.reservedPages).toBe(40);
  });

  it('polls the kill word before reserving: a killed Faaslet reserves nothing', () => {
    const budget = PageBudget.create(100);
    const growth = new MemoryGrowth(memoryOf(1));
    const counted = CountedPages.create(1);
    growth.begin({ budget: budget.buffer, memory: counted.buffer, arena: null, maxPages: 100 }, memoryOf(1), () => {}, () => {
      throw new Error('killed');
    });
    expect(() => growth.grow(4)).toThrow('killed');
    expect(budget.reservedPages).toBe(0);
  });
});

describe('the budget across threads', () => {
  let bundle = '';
  beforeAll(async () => {
    bundle = await bundleStateModule(new URL('./grow.ts', import.meta.url));
  }, 60_000);

  it('four Workers growing page by page at once never pass the budget, and every page counted is a page grown', async () => {
    const budget = PageBudget.create(2000);
    const file = new URL('./test-support/grower.worker.mjs', import.meta.url);
    type Report = { grown: number; again: number; counted: number; size: number; lines: string[] };
    const reports = await Promise.all(
      [0, 1, 2, 3].map(
        () =>
          new Promise<Report>((resolve, reject) => {
            const worker = new Worker(file, { workerData: { bundle, budget: budget.buffer, maxPages: 4000 } });
            worker.once('message', (report: Report) => void worker.terminate().then(() => resolve(report)));
            worker.once('error', reject);
          }),
      ),
    );
    const grown = reports.reduce((n, r) => n + r.grown, 0);
    // Each worker's memory 0 started at 1 page, outside the budget: only its growth is counted.
    expect(grown).toBe(2000);
    expect(budget.reservedPages).toBe(2000);
    for (const r of reports) {
      expect(r.again).toBe(-1);
      expect(r.counted).toBe(r.grown);
      expect(r.size).toBe(r.grown + 1);
      expect(r.lines).toHaveLength(1);
      expect(r.lines[0]).toMatch(/^faasm: memory\.grow of 1 pages \(0\.1 MiB\) refused: the page's memory budget is 125 MiB and 125 MiB is in use/);
    }
  }, 60_000);
});
