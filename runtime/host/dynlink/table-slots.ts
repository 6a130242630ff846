/**
 * The function's table slots that libraries get: everything past the table's length when the
 * linker first used it. Faasm starts each call from the post-zygote state, so a reset nulls those
 * slots and hands them out again: a warm Faaslet's table does not grow call after call.
 */
export class TableFull extends Error {}

export class TableSlots {
  private readonly base: number;
  private next: number;

  constructor(private readonly table: WebAssembly.Table) {
    this.base = this.next = table.length;
  }

  /** `count` slots starting at a multiple of 2^align; TableFull when the table cannot grow. */
  reserve(count: number, align = 0): number {
    const step = 2 ** align;
    const start = Math.ceil(this.next / step) * step;
    const missing = start + count - this.table.length;
    if (missing > 0) {
      try {
        this.table.grow(missing);
      } catch (error) {
        throw new TableFull((error as Error).message);
      }
    }
    this.next = start + count;
    return start;
  }

  /** A function in a slot of its own: its function-pointer value. */
  add(fn: unknown): number {
    const slot = this.reserve(1);
    this.table.set(slot, fn);
    return slot;
  }

  clear(start: number, count: number): void {
    for (let i = start; i < start + count; i++) this.table.set(i, null);
  }

  reset(): void {
    this.clear(this.base, this.table.length - this.base);
    this.next = this.base;
  }
}
