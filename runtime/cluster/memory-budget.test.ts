import { describe, expect, it } from 'vitest';
import { budgetDecision, defaultMemoryBudget, GIB, MIB, type MemoryInUse } from './memory-budget';

const use = (patch: Partial<MemoryInUse>): MemoryInUse => ({ faasletBytes: 0, faaslets: 0, arenaBytes: 0, idleBytes: 0, running: 0, ...patch });

describe('the page-wide memory budget', () => {
  it('lets a call start while the page stays within the budget', () => {
    expect(budgetDecision('demo/f', GIB, use({ faasletBytes: 2 * GIB, faaslets: 2, arenaBytes: GIB }), 4 * GIB)).toEqual({ kind: 'fits' });
  });

  it('takes memory back from idle Faaslets first, only as much as is missing', () => {
    const decision = budgetDecision('demo/f', GIB, use({ faasletBytes: 3.5 * GIB, faaslets: 4, idleBytes: GIB, running: 1 }), 4 * GIB);
    expect(decision).toEqual({ kind: 'reclaim', bytes: 0.5 * GIB });
  });

  it('queues a call while running calls may give memory back, with every figure', () => {
    const decision = budgetDecision('demo/f', GIB, use({ faasletBytes: 3 * GIB, faaslets: 3, arenaBytes: 256 * MIB, running: 3 }), 4 * GIB);
    expect(decision).toEqual({
      kind: 'wait',
      reason:
        "waiting for memory: demo/f needs 1 GiB of memory to start; the page's memory budget is 4 GiB and 3.25 GiB is in use (3 GiB in 3 Faaslets, 256 MiB of state)",
    });
  });

  it('refuses a call that nothing running can make room for, or that can never fit', () => {
    // Everything is blocked in await: waiting could wait for ever.
    const blocked = budgetDecision('demo/f', GIB, use({ faasletBytes: 3.5 * GIB, faaslets: 40 }), 4 * GIB);
    expect(blocked).toMatchObject({ kind: 'refuse', reason: expect.stringMatching(/^refused: demo\/f needs 1 GiB .* budget is 4 GiB and 3.5 GiB is in use/) });
    const never = budgetDecision('demo/f', 5 * GIB, use({ running: 2 }), 4 * GIB);
    expect(never).toMatchObject({ kind: 'refuse' });
  });

  it('defaults to 4 GiB, or half the device memory when that is less, never under 1 GiB', () => {
    expect(defaultMemoryBudget(undefined)).toBe(4 * GIB);
    expect(defaultMemoryBudget(8)).toBe(4 * GIB);
    expect(defaultMemoryBudget(4)).toBe(2 * GIB);
    expect(defaultMemoryBudget(0.5)).toBe(GIB);
  });
});
