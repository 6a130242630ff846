/**
 * A user's files as plain data: what crosses thread boundaries (structured clone) and what
 * IndexedDB holds. Paths are relative to the Faaslet's root, '/'-separated, without a leading
 * '/' or '.'/'..' parts ("data/in.txt").
 */

/** A directory is listed explicitly, so an empty one survives. */
export const DIRECTORY = 'dir';
export type FileEntry = Uint8Array | typeof DIRECTORY;
export type FileEntries = Map<string, FileEntry>;

/** What a call changed: written (or created) entries, and removed paths. */
export interface FileChanges {
  written: FileEntries;
  removed: string[];
}

export const noChanges = (changes: FileChanges) => changes.written.size === 0 && changes.removed.length === 0;

/** A path as stored, or null when it leaves the root or names nothing. */
export function normalizePath(path: string): string | null {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') return null;
    parts.push(part);
  }
  return parts.length > 0 ? parts.join('/') : null;
}

export const sameBytes = (a: Uint8Array, b: Uint8Array) => {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
};

const sameEntry = (a: FileEntry, b: FileEntry) =>
  a === DIRECTORY || b === DIRECTORY ? a === b : sameBytes(a, b);

export function diffEntries(before: FileEntries, after: FileEntries): FileChanges {
  const written: FileEntries = new Map();
  for (const [path, entry] of after) {
    const old = before.get(path);
    if (old === undefined || !sameEntry(old, entry)) written.set(path, entry);
  }
  const removed = [...before.keys()].filter((path) => !after.has(path));
  return { written, removed };
}

/** `entries` with `changes` applied (a new map; the arrays are shared, never written to). */
export function applyChanges(entries: FileEntries, changes: FileChanges): FileEntries {
  const next = new Map(entries);
  for (const path of changes.removed) next.delete(path);
  for (const [path, entry] of changes.written) next.set(path, entry);
  return next;
}
