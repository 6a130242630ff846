/** The IndexedDB file store's behaviour, in memory, for tests. */
import { DIRECTORY, type FileChanges, type FileEntries } from './entries';
import type { FileStore } from './store';

export class MemoryFileStore implements FileStore {
  readonly users = new Map<string, FileEntries>();
  async load(user: string) {
    return new Map(this.users.get(user) ?? []);
  }
  async list(user: string) {
    return [...(this.users.get(user) ?? [])].map(([path, e]) => ({
      path,
      size: e === DIRECTORY ? 0 : e.byteLength,
      directory: e === DIRECTORY,
      modifiedAt: 0,
    }));
  }
  async apply(user: string, { written, removed }: FileChanges) {
    const files = this.users.get(user) ?? new Map();
    for (const path of removed) files.delete(path);
    for (const [path, entry] of written) files.set(path, entry);
    this.users.set(user, files);
  }
}
