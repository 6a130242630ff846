/** The global tier as the State tab shows it: its keys, and the pushes and pulls seen lately. */
import type { GlobalKeyInfo, GlobalStateChange } from '../../runtime';

/** Newest first; older moves drop off (a counter run makes hundreds). */
export const GLOBAL_CHANGES_KEPT = 30;

export interface GlobalTierView {
  keys: GlobalKeyInfo[];
  changes: GlobalStateChange[];
}

export const emptyGlobalTier: GlobalTierView = { keys: [], changes: [] };

/** Fold a batch of changes in: a push (here or in another tab) sets the key's size and version. */
export function applyGlobalChanges(view: GlobalTierView, batch: GlobalStateChange[]): GlobalTierView {
  if (batch.length === 0) return view;
  const keys = new Map(view.keys.map((k) => [k.key, k]));
  for (const change of batch) {
    if (change.kind !== 'push') continue;
    const known = keys.get(change.key);
    if (!known || known.version < change.version) {
      keys.set(change.key, { key: change.key, size: change.size, version: change.version, updatedAt: change.at });
    }
  }
  return {
    keys: [...keys.values()].sort((a, b) => a.key.localeCompare(b.key)),
    changes: [...batch.reverse(), ...view.changes].slice(0, GLOBAL_CHANGES_KEPT),
  };
}
