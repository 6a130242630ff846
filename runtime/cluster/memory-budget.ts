/**
 * The page-wide memory budget: every live Faaslet's memory 0 and every state arena come out
 * of one page, and past a few GiB the browser's process is killed by the OS with every tab
 * in it. Each function's own limit (limits.ts) bounds one Faaslet; this bounds their sum.
 * A call whose memory would pass the budget takes memory back from idle Faaslets first (their
 * memories are dropped: the next call there restores into a fresh one), else waits for
 * running calls to end, else is refused, with the figures. Pure accounting: the cluster
 * measures, this decides.
 *
 * What is in use is read from the page's budget counter (faaslet/grow.ts), which the Faaslets
 * grow memory 0 against while calls run: a `memory.grow` past the budget returns -1 (malloc
 * NULL) instead of growing, so the sum holds between placements too. The cluster fills in
 * MemoryInUse from that counter.
 */

export const MIB = 2 ** 20;
export const GIB = 2 ** 30;

/** 4 GiB, or half the device's memory when the browser tells it and that is less (never under 1 GiB). */
export function defaultMemoryBudget(deviceMemoryGiB: number | undefined): number {
  const half = deviceMemoryGiB && deviceMemoryGiB > 0 ? (deviceMemoryGiB / 2) * GIB : 4 * GIB;
  return Math.max(GIB, Math.min(4 * GIB, half));
}

/** Bounds of a budget set through `configureCluster`, in MiB. */
export const MIN_BUDGET_MIB = 256;
export const MAX_BUDGET_MIB = 64 * 1024;

/** The page's memory now, as the cluster measured it. */
export interface MemoryInUse {
  /** Memory 0 of every live Faaslet. */
  faasletBytes: number;
  faaslets: number;
  /** Every state arena (local tier). */
  arenaBytes: number;
  /** Of faasletBytes: memories of idle Faaslets, which can be dropped. */
  idleBytes: number;
  /** Calls running now: when one ends, its memory may go back. */
  running: number;
}

export type BudgetDecision =
  | { kind: 'fits' }
  /** Fits once this many bytes of idle Faaslets' memories are dropped. */
  | { kind: 'reclaim'; bytes: number }
  | { kind: 'wait'; reason: string }
  | { kind: 'refuse'; reason: string };

/** A size as a person reads it: MiB up to 1 GiB, then GiB. */
export function formatBudgetBytes(bytes: number): string {
  if (bytes >= GIB) return `${+(bytes / GIB).toFixed(2)} GiB`;
  return `${+(bytes / MIB).toFixed(1)} MiB`;
}

export const inUseBytes = (use: MemoryInUse) => use.faasletBytes + use.arenaBytes;

function figures(fn: string, needBytes: number, use: MemoryInUse, budgetBytes: number): string {
  const f = formatBudgetBytes;
  return (
    `${fn} needs ${f(needBytes)} of memory to start; the page's memory budget is ${f(budgetBytes)} and ` +
    `${f(inUseBytes(use))} is in use (${f(use.faasletBytes)} in ${use.faaslets} Faaslet${use.faaslets === 1 ? '' : 's'}, ${f(use.arenaBytes)} of state)`
  );
}

/** Whether a call that needs `needBytes` of new memory may start now. */
export function budgetDecision(fn: string, needBytes: number, use: MemoryInUse, budgetBytes: number): BudgetDecision {
  const over = inUseBytes(use) + needBytes - budgetBytes;
  if (over <= 0) return { kind: 'fits' };
  if (over <= use.idleBytes) return { kind: 'reclaim', bytes: over };
  const why = figures(fn, needBytes, use, budgetBytes);
  // Only running calls give memory back: blocked ones may be waiting for this very call.
  const reachable = needBytes + use.arenaBytes <= budgetBytes;
  if (reachable && use.running > 0) return { kind: 'wait', reason: `waiting for memory: ${why}` };
  return { kind: 'refuse', reason: `refused: ${why}` };
}
