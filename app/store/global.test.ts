import { describe, expect, it } from 'vitest';
import type { GlobalStateChange } from '../../runtime';
import { applyGlobalChanges, emptyGlobalTier, GLOBAL_CHANGES_KEPT } from './global';

const push = (key: string, version: number, host: number | null = 0): GlobalStateChange => ({
  kind: 'push', key, version, bytes: 8, size: 8, host, callId: 1, at: version,
});

describe('applyGlobalChanges', () => {
  it('a push sets the key; an older version arriving late does not win', () => {
    const view = applyGlobalChanges(emptyGlobalTier, [push('u/b', 2), push('u/a', 1), push('u/b', 1, null)]);
    expect(view.keys.map((k) => [k.key, k.version])).toEqual([
      ['u/a', 1],
      ['u/b', 2],
    ]);
    expect(view.changes[0]).toMatchObject({ key: 'u/b', version: 1, host: null });
  });

  it('keeps the newest changes only', () => {
    const batch = Array.from({ length: GLOBAL_CHANGES_KEPT + 5 }, (_, i) => push('u/k', i + 1));
    const view = applyGlobalChanges(emptyGlobalTier, batch);
    expect(view.changes).toHaveLength(GLOBAL_CHANGES_KEPT);
    expect(view.changes[0]).toMatchObject({ version: GLOBAL_CHANGES_KEPT + 5 });
  });
});
