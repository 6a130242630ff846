/**
 * Where users' files persist: IndexedDB (through `idb`), one record per (user, path), shared by
 * every simulated host and tab of the origin. The store is the "global" copy: calls read it
 * through UserFiles and their changes are flushed here when they end.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { DIRECTORY, type FileChanges, type FileEntries, type FileEntry } from './entries';

interface FileRecord {
  user: string;
  path: string;
  entry: FileEntry;
  modifiedAt: number;
}

interface FilesDb extends DBSchema {
  files: { key: [string, string]; value: FileRecord; indexes: { user: string } };
}

const FILES_DB_NAME = 'faaslet-playground-files';

/** What a list of a user's files shows. */
export interface StoredFileInfo {
  path: string;
  size: number;
  directory: boolean;
  modifiedAt: number;
}

export interface FileStore {
  load(user: string): Promise<FileEntries>;
  list(user: string): Promise<StoredFileInfo[]>;
  apply(user: string, changes: FileChanges): Promise<void>;
}

export class IdbFileStore implements FileStore {
  private readonly db: Promise<IDBPDatabase<FilesDb>> = openDB<FilesDb>(FILES_DB_NAME, 1, {
    upgrade(db) {
      db.createObjectStore('files', { keyPath: ['user', 'path'] }).createIndex('user', 'user');
    },
  });

  private async records(user: string): Promise<FileRecord[]> {
    return (await this.db).getAllFromIndex('files', 'user', user);
  }

  async load(user: string): Promise<FileEntries> {
    return new Map((await this.records(user)).map((r) => [r.path, r.entry]));
  }

  async list(user: string): Promise<StoredFileInfo[]> {
    return (await this.records(user)).map(({ path, entry, modifiedAt }) => ({
      path,
      size: entry === DIRECTORY ? 0 : entry.byteLength,
      directory: entry === DIRECTORY,
      modifiedAt,
    }));
  }

  /** One transaction: a flush lands whole or not at all. */
  async apply(user: string, changes: FileChanges): Promise<void> {
    const tx = (await this.db).transaction('files', 'readwrite');
    const modifiedAt = Date.now();
    await Promise.all([
      ...changes.removed.map((path) => tx.store.delete([user, path])),
      ...[...changes.written].map(([path, entry]) => tx.store.put({ user, path, entry, modifiedAt })),
      tx.done,
    ]);
  }
}
