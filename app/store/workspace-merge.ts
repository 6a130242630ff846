/**
 * Several tabs edit one stored workspace. Each function is stored with a revision; a tab
 * remembers the revision and text of every function as it last synced (its base). Saving
 * merges what this tab has with what is stored now, function by function, so nothing another
 * tab wrote is overwritten:
 * - changed here only: ours is written, with the next revision;
 * - changed there only (a higher revision than our base): theirs is taken;
 * - changed in both, differently: ours keeps the name and theirs is kept beside it under a new
 *   name, with a notice; an edit beats a delete (the edited copy is kept), so no text is lost;
 * - stored at a lower revision than our base (another tab wrote an older copy over ours in a
 *   race): ours is written again.
 * Renames are a delete and a new function, so they merge by the same rules. Pure: no storage here.
 */
import type { FunctionDoc } from './workspace';

/** The functions part of the stored workspace. A deleted function leaves its revision behind. */
export interface StoredFunctions {
  functions: Record<string, FunctionDoc>;
  revs: Record<string, number>;
  deleted: Record<string, number>;
}

/** Per function: the revision and text this tab last synced; text null when it was absent. */
export type SyncBase = Record<string, { rev: number; text: string | null }>;

export interface MergeResult {
  stored: StoredFunctions;
  /** What this tab shows now. */
  functions: Record<string, FunctionDoc>;
  base: SyncBase;
  /** One line per conflict, for the person. */
  notices: string[];
}

/** A function's text with its keys in a fixed order, so equal functions compare equal. */
export function canonical(doc: FunctionDoc | undefined): string | null {
  if (!doc) return null;
  const sorted = (value: unknown): unknown =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.keys(value).sort().map((k) => [k, sorted((value as Record<string, unknown>)[k])]))
      : value;
  return JSON.stringify(sorted(doc));
}

/** The stored revision of a key: a function stored before revisions existed counts as revision 1. */
function storedRev(stored: StoredFunctions, key: string): number {
  if (stored.functions[key]) return stored.revs[key] ?? 1;
  return stored.deleted[key] ?? 0;
}

/** The base a tab starts from when it loads the stored workspace. */
export function baseOf(stored: StoredFunctions): SyncBase {
  const base: SyncBase = {};
  for (const key of new Set([...Object.keys(stored.functions), ...Object.keys(stored.deleted)])) {
    base[key] = { rev: storedRev(stored, key), text: canonical(stored.functions[key]) };
  }
  return base;
}

/** `user/name_other_tab`, or `…_other_tab_2` and on when taken; names stay within 64 characters. */
function freeKey(key: string, taken: (key: string) => boolean): string {
  const slash = key.indexOf('/');
  const [user, name] = [key.slice(0, slash), key.slice(slash + 1)];
  for (let n = 1; ; n++) {
    const suffix = `_other_tab${n === 1 ? '' : `_${n}`}`;
    const candidate = `${user}/${name.slice(0, 64 - suffix.length)}${suffix}`;
    if (!taken(candidate)) return candidate;
  }
}

export function mergeWorkspace(mine: Record<string, FunctionDoc>, base: SyncBase, stored: StoredFunctions): MergeResult {
  const out: StoredFunctions = { functions: {}, revs: {}, deleted: { ...stored.deleted } };
  const notices: string[] = [];
  const keys = new Set([...Object.keys(mine), ...Object.keys(base), ...Object.keys(stored.functions), ...Object.keys(stored.deleted)]);
  const copies: [string, FunctionDoc][] = [];

  for (const key of keys) {
    const known = base[key] ?? { rev: 0, text: null };
    const theirRev = storedRev(stored, key);
    const theirs = stored.functions[key];
    const ours = mine[key];
    const ourText = canonical(ours);
    const theirText = canonical(theirs);
    const changedHere = ourText !== known.text;
    const changedThere = theirRev > known.rev;

    let result: FunctionDoc | undefined = ours;
    if (changedThere && !changedHere) result = theirs;
    else if (changedThere && ourText !== theirText) {
      if (!ours) {
        result = theirs;
        notices.push(`${key} was changed in another tab after you deleted it here: it is kept.`);
      } else if (!theirs) {
        notices.push(`${key} was deleted in another tab while you edited it here: your copy is kept.`);
      } else {
        copies.push([key, theirs]);
      }
    }

    const resultText = canonical(result);
    const rev = resultText === theirText && theirRev >= known.rev ? theirRev : Math.max(known.rev, theirRev) + 1;
    if (result) {
      out.functions[key] = result;
      out.revs[key] = rev;
      delete out.deleted[key];
    } else if (theirRev > 0 || known.rev > 0) {
      out.deleted[key] = rev;
    }
  }

  const taken = (key: string) => key in out.functions || key in out.deleted;
  for (const [key, theirs] of copies) {
    const copyKey = freeKey(key, taken);
    out.functions[copyKey] = { ...theirs, name: copyKey.slice(copyKey.indexOf('/') + 1) };
    out.revs[copyKey] = 1;
    notices.push(`${key} was changed in this tab and in another one: yours stays ${key}, the other tab's is kept as ${copyKey}.`);
  }

  return { stored: out, functions: out.functions, base: baseOf(out), notices };
}
