/**
 * The contract between the metering pass (runtime/toolchain/meter) and the Faaslet for memory
 * growth, and the page-wide memory budget both sides count against. A wasm `memory.grow` cannot
 * be intercepted from outside, so the pass rewrites every `memory.grow` on memory 0 (wasi-libc's
 * sbrk, malloc's growth; libraries too) into a call of GROW_IMPORT. The Faaslet reserves the
 * pages against the page's budget counter (a SharedArrayBuffer the host agent makes and puts in
 * each RunJob) by compare-and-swap, and only then grows the memory: refused, it returns -1, as
 * `memory.grow` does at the memory limit, so malloc returns NULL (ENOMEM) and the page and the
 * next call are unaffected. `memory.size` is left as it is.
 *
 * Counting: every counted memory (a Faaslet's memory 0, a state arena) has a word of the pages
 * it has counted; the budget's reserved word is their sum. The host agent lets a memory go by
 * taking its word back out of the sum (cluster.ts). State arenas grow in the state calls
 * (state/alloc.ts), not through this import: their growth is settled (counted, never refused;
 * the arena's quota bounds it) by the Faaslet at each grow and by the host at each placement.
 * This file imports nothing of the host agent's: both sides import it.
 */

/**
 * `(import "faaslet" "grow" (func (param i32 $pages) (result i32 $oldPages)))`: memory.grow on
 * memory 0, within the page's budget; -1 when refused or past the memory's maximum.
 */
export const GROW_IMPORT = { module: 'faaslet', name: 'grow' } as const;

export const WASM_PAGE_BYTES = 65536;

const RESERVED = 0;
const BUDGET = 1;

/** The page-wide budget: [pages reserved, budget in pages], shared by the host agent and every Faaslet. */
export class PageBudget {
  private readonly words: Int32Array;

  static create(budgetPages: number): PageBudget {
    const budget = new PageBudget(new SharedArrayBuffer(8));
    budget.budgetPages = budgetPages;
    return budget;
  }

  constructor(readonly buffer: SharedArrayBuffer) {
    this.words = new Int32Array(buffer, 0, 2);
  }

  get reservedPages(): number {
    return Atomics.load(this.words, RESERVED);
  }

  get budgetPages(): number {
    return Atomics.load(this.words, BUDGET);
  }

  set budgetPages(pages: number) {
    Atomics.store(this.words, BUDGET, pages);
  }

  /** Reserve `pages` (> 0) if the sum stays within the budget; false, changing nothing, if not. */
  tryReserve(pages: number): boolean {
    if (pages <= 0) {
      this.charge(pages);
      return true;
    }
    for (;;) {
      const now = Atomics.load(this.words, RESERVED);
      if (now + pages > this.budgetPages) return false;
      if (Atomics.compareExchange(this.words, RESERVED, now, now + pages) === now) return true;
    }
  }

  /** Count (or, negative, give back) pages whatever the budget: memory that exists already. */
  charge(pages: number): void {
    Atomics.add(this.words, RESERVED, pages);
  }

  /** The memory of `counted` is let go: its pages leave the sum. */
  letGo(counted: CountedPages): void {
    this.charge(-counted.take());
  }

  /**
   * Count what `memory` grew to without a reservation (a state arena). Safe from several threads:
   * only the one whose compare-and-swap of the word succeeds adds the difference.
   */
  settle(memory: WebAssembly.Memory, counted: CountedPages): void {
    const now = memory.buffer.byteLength / WASM_PAGE_BYTES;
    for (;;) {
      const was = counted.pages;
      if (now <= was) return;
      if (counted.swap(was, now)) {
        this.charge(now - was);
        return;
      }
    }
  }
}

/** The pages one memory has counted in the budget. */
export class CountedPages {
  private readonly word: Int32Array;

  static create(pages = 0): CountedPages {
    const counted = new CountedPages(new SharedArrayBuffer(4));
    Atomics.store(counted.word, 0, pages);
    return counted;
  }

  constructor(readonly buffer: SharedArrayBuffer) {
    this.word = new Int32Array(buffer, 0, 1);
  }

  get pages(): number {
    return Atomics.load(this.word, 0);
  }

  add(pages: number): void {
    Atomics.add(this.word, 0, pages);
  }

  swap(was: number, now: number): boolean {
    return Atomics.compareExchange(this.word, 0, was, now) === was;
  }

  take(): number {
    return Atomics.exchange(this.word, 0, 0);
  }
}

/** What a RunJob carries for the budget: the counter, the words of its memory 0 and arena, memory 0's maximum. */
export interface GrowJob {
  budget: SharedArrayBuffer;
  memory: SharedArrayBuffer;
  arena: SharedArrayBuffer | null;
  maxPages: number;
}

const mib = (pages: number) => `${+((pages * WASM_PAGE_BYTES) / 2 ** 20).toFixed(1)} MiB`;

/** Why a grow was refused, with every figure: what was asked, the budget, what is in use. */
export function refusalText(pages: number, budget: PageBudget, ownPages: number): string {
  return (
    `faasm: memory.grow of ${pages} pages (${mib(pages)}) refused: the page's memory budget is ${mib(budget.budgetPages)} ` +
    `and ${mib(budget.reservedPages)} is in use (${mib(ownPages)} of it this Faaslet's); malloc returns NULL (ENOMEM)\n`
  );
}

/**
 * The Faaslet's side of GROW_IMPORT for one instance's memory 0; `begin` points it at each call's
 * budget words. Without them (a bare Faaslet in tests and benchmarks) it grows unbudgeted.
 */
export class MemoryGrowth {
  private job: { budget: PageBudget; memory: CountedPages; arena: CountedPages | null; maxPages: number } | null = null;
  private arenaMemory: WebAssembly.Memory | null = null;
  private reported = false;
  private stderr: (text: string) => void = () => {};
  /** Polled before each grow: a killed Faaslet reserves nothing (control.ts). */
  private poll: () => void = () => {};

  constructor(private readonly memory: WebAssembly.Memory) {}

  begin(job: GrowJob | undefined, arena: WebAssembly.Memory, stderr: (text: string) => void, poll: () => void): void {
    this.job = job
      ? {
          budget: new PageBudget(job.budget),
          memory: new CountedPages(job.memory),
          arena: job.arena ? new CountedPages(job.arena) : null,
          maxPages: job.maxPages,
        }
      : null;
    this.arenaMemory = arena;
    this.reported = false;
    this.stderr = stderr;
    this.poll = poll;
  }

  /** The import: old size in pages, or -1. */
  readonly grow = (delta: number): number => {
    const pages = delta >>> 0;
    const old = this.memory.buffer.byteLength / WASM_PAGE_BYTES;
    if (pages === 0) return old;
    this.poll();
    const job = this.job;
    if (!job) return this.growBy(pages);
    if (old + pages > job.maxPages) return -1;
    if (job.arena && this.arenaMemory) job.budget.settle(this.arenaMemory, job.arena);
    if (!job.budget.tryReserve(pages)) {
      if (!this.reported) this.stderr(refusalText(pages, job.budget, job.memory.pages));
      this.reported = true;
      return -1;
    }
    const grown = this.growBy(pages);
    if (grown < 0) job.budget.charge(-pages);
    else job.memory.add(pages);
    return grown;
  };

  private growBy(pages: number): number {
    try {
      return this.memory.grow(pages);
    } catch {
      return -1;
    }
  }
}
