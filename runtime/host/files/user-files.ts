/**
 * The host agent's side of users' files, Faasm's global-read-local-write made simple:
 * - a call gets a private copy of its user's files as they are when it starts (global read:
 *   loaded from IndexedDB the first time the agent needs that user);
 * - what it writes stays in its Faaslet (local write) until the call ends; then its changes are
 *   flushed, to the agent's copy that later calls on every host read, and to IndexedDB;
 * - calls running at the same time do not see each other's writes; per path, the last flush wins;
 * - a call that is killed (time limit, stop) flushes nothing.
 * Users never share a copy: a Faaslet is given its own user's files only.
 */
import { applyChanges, normalizePath, noChanges, DIRECTORY, type FileChanges, type FileEntries } from './entries';
import type { FileStore, StoredFileInfo } from './store';

export class UserFiles {
  private readonly loads = new Map<string, Promise<FileEntries>>();
  /** The agent's copy per user once loaded; replaced (never mutated) by each flush. */
  private readonly copies = new Map<string, FileEntries>();

  constructor(
    private readonly store: FileStore,
    private readonly changed: (user: string) => void,
  ) {}

  /** Loads the user's files from IndexedDB the first time; a failed load is tried again next time. */
  async load(user: string): Promise<void> {
    if (this.copies.has(user)) return;
    let load = this.loads.get(user);
    if (!load) {
      load = this.store.load(user);
      this.loads.set(user, load);
      load.then((files) => this.copies.has(user) || this.copies.set(user, files)).finally(() => this.loads.delete(user)).catch(() => {});
    }
    await load;
  }

  /** The user's files now (after `load`); a flush makes a new map, so a snapshot handed to a call stays as it was. */
  snapshot(user: string): FileEntries {
    const copy = this.copies.get(user);
    if (!copy) throw new Error(`the files of ${user} are not loaded`);
    return copy;
  }

  async current(user: string): Promise<FileEntries> {
    await this.load(user);
    return this.snapshot(user);
  }

  async flush(user: string, changes: FileChanges): Promise<void> {
    if (noChanges(changes)) return;
    await this.load(user);
    // Read after the await: another flush may have landed meanwhile.
    this.copies.set(user, applyChanges(this.snapshot(user), changes));
    await this.store.apply(user, changes);
    this.changed(user);
  }

  list(user: string): Promise<StoredFileInfo[]> {
    return this.store.list(user);
  }

  async read(user: string, path: string): Promise<Uint8Array> {
    const entry = (await this.current(user)).get(pathOf(path));
    if (!entry || entry === DIRECTORY) throw new Error(`${user} has no file "${path}"`);
    return entry;
  }

  /** An upload from the page; parent directories are created as a call's mkdir would. */
  async write(user: string, path: string, data: Uint8Array): Promise<void> {
    const clean = pathOf(path);
    const written: FileEntries = new Map([[clean, data]]);
    const parts = clean.split('/');
    for (let i = 1; i < parts.length; i++) written.set(parts.slice(0, i).join('/'), DIRECTORY);
    return this.flush(user, { written, removed: [] });
  }

  /** A directory goes with everything in it. */
  async remove(user: string, path: string): Promise<void> {
    const clean = pathOf(path);
    const removed = [...(await this.current(user)).keys()].filter((p) => p === clean || p.startsWith(`${clean}/`));
    await this.flush(user, { written: new Map(), removed });
  }
}

function pathOf(path: string): string {
  const clean = normalizePath(path);
  if (!clean) throw new Error(`"${path}" is not a path inside the user's files`);
  return clean;
}
