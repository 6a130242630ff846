/**
 * The user's files as the WASI shim's in-memory tree (@bjorn3/browser_wasi_shim), preopened as
 * '/' for one call, and back to plain entries when the call ends.
 */
import { Directory, File, type Inode, type PreopenDirectory } from '@bjorn3/browser_wasi_shim';
import { DIRECTORY, type FileEntries } from './entries';
import { FaasmRoot } from './faasm-paths';
import { addRuntimeRoot, isRuntimeRoot } from './runtime-root';

/** Nested names first: the shim links a directory to its parent only when it is constructed with its contents. */
type Nested = Map<string, Nested | Uint8Array>;

function nest(entries: FileEntries): Nested {
  const root: Nested = new Map();
  const dirAt = (parts: string[]) =>
    parts.reduce((dir, part) => {
      let child = dir.get(part);
      if (!(child instanceof Map)) dir.set(part, (child = new Map()));
      return child;
    }, root);
  for (const [path, entry] of entries) {
    const parts = path.split('/');
    if (entry === DIRECTORY) dirAt(parts);
    else dirAt(parts.slice(0, -1)).set(parts.at(-1)!, entry);
  }
  return root;
}

const inodes = (nested: Nested): Map<string, Inode> =>
  new Map(
    [...nested].map(([name, child]) => [name, child instanceof Map ? new Directory(inodes(child)) : new File(child)]),
  );

/**
 * The root a call sees, with Faasm's runtime root laid over it (runtime-root.ts) and `faasm://`
 * paths taken as its own (faasm-paths.ts); the shim copies
 * each file's bytes, so `entries` stays as it was.
 */
export function preopenRoot(entries: FileEntries): PreopenDirectory {
  const contents = inodes(nest(entries));
  addRuntimeRoot(contents);
  return new FaasmRoot(contents);
}

/** A file's bytes in a call's tree (`path` as normalizePath gives it), or null when there is none. */
export function fileAt(root: Directory, path: string): Uint8Array | null {
  let inode: Inode | undefined = root;
  for (const part of path.split('/')) inode = inode instanceof Directory ? inode.contents.get(part) : undefined;
  return inode instanceof File ? inode.data : null;
}

/** The user's files in a call's tree: the runtime root's own files and empty directories are left out. */
export function entriesOf(root: Directory): FileEntries {
  const entries: FileEntries = new Map();
  const walk = (dir: Directory, prefix: string) => {
    for (const [name, inode] of dir.contents) {
      const path = prefix + name;
      if (inode instanceof Directory) {
        // A runtime-root directory is walked (a call may write /tmp/x) but not listed itself.
        if (!isRuntimeRoot(inode)) entries.set(path, DIRECTORY);
        walk(inode, `${path}/`);
      } else if (inode instanceof File && !isRuntimeRoot(inode)) {
        entries.set(path, inode.data);
      }
    }
  };
  walk(root, '');
  return entries;
}
