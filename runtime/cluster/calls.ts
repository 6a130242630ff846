/**
 * The call table: every call the cluster knows, so `await` can find a call by id and wait
 * for its result, and limits can count what a user has pending.
 */
import type { CallResult } from '../api';

export interface CallRecord {
  id: number;
  parentId: number | null;
  user: string;
  /** Function name within the user. */
  name: string;
  depth: number;
  result: CallResult | null;
  waiters: ((result: CallResult) => void)[];
}

/** Finished calls kept for late awaits and the UI; older ones are forgotten. */
const KEEP_FINISHED = 20_000;

export class CallTable {
  private readonly calls = new Map<number, CallRecord>();
  private readonly finished: number[] = [];

  open(call: Omit<CallRecord, 'result' | 'waiters'>): CallRecord {
    const record: CallRecord = { ...call, result: null, waiters: [] };
    this.calls.set(call.id, record);
    return record;
  }

  get(id: number): CallRecord | undefined {
    return this.calls.get(id);
  }

  finish(result: CallResult): void {
    const record = this.calls.get(result.callId);
    if (!record || record.result) return;
    record.result = result;
    for (const waiter of record.waiters.splice(0)) waiter(result);
    this.finished.push(record.id);
    while (this.finished.length > KEEP_FINISHED) this.calls.delete(this.finished.shift()!);
  }

  /** The call's result once it is done; null when no such call of this user exists. */
  whenDone(id: number, user: string): Promise<CallResult> | null {
    const record = this.calls.get(id);
    if (!record || record.user !== user) return null;
    if (record.result) return Promise.resolve(record.result);
    return new Promise((resolve) => record.waiters.push(resolve));
  }

  /** Unfinished calls chained, directly or not, by this one. */
  descendants(id: number): number[] {
    const found: number[] = [];
    const frontier = new Set([id]);
    for (const record of this.calls.values()) {
      if (!record.result && record.parentId !== null && frontier.has(record.parentId)) {
        frontier.add(record.id);
        found.push(record.id);
      }
    }
    return found;
  }

  pending(user: string): number {
    let count = 0;
    for (const record of this.calls.values()) if (!record.result && record.user === user) count++;
    return count;
  }
}
