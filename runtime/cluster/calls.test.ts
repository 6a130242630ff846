import { describe, expect, it } from 'vitest';
import type { CallResult } from '../api';
import { CallTable } from './calls';

const result = (callId: number) => ({ callId, returnCode: 0 }) as CallResult;

describe('CallTable', () => {
  it('resolves awaits of a call when it finishes, and at once afterwards', async () => {
    const table = new CallTable();
    table.open({ id: 5, parentId: null, user: 'demo', name: 'f', depth: 0 });
    const early = table.whenDone(5, 'demo');
    expect(table.pending('demo')).toBe(1);
    table.finish(result(5));
    await expect(early).resolves.toMatchObject({ callId: 5 });
    await expect(table.whenDone(5, 'demo')).resolves.toMatchObject({ callId: 5 });
    expect(table.pending('demo')).toBe(0);
  });

  it('knows no call of another user and no unknown id', () => {
    const table = new CallTable();
    table.open({ id: 1, parentId: null, user: 'alice', name: 'f', depth: 0 });
    expect(table.whenDone(1, 'bob')).toBeNull();
    expect(table.whenDone(99, 'alice')).toBeNull();
  });
});
