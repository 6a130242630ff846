/**
 * Appended state's IndexedDB store: a database of its own (so the values' database keeps its
 * schema), with each key's length in `lists` and its elements under [key, index] in `elements`.
 * An append reads the length and writes the element and the new length in one readwrite
 * transaction; IndexedDB runs readwrite transactions on the same stores one after another, so
 * concurrent appends from any host or tab never take the same index.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { AppendedStore } from './appended';

interface AppendedDb extends DBSchema {
  lists: { key: string; value: { key: string; length: number } };
  elements: { key: [string, number]; value: Uint8Array };
}

export const APPENDED_DB_NAME = 'faaslet-playground-appended';

export class IdbAppendedStore implements AppendedStore {
  private readonly db: Promise<IDBPDatabase<AppendedDb>>;

  constructor() {
    this.db = openDB<AppendedDb>(APPENDED_DB_NAME, 1, {
      upgrade(db) {
        db.createObjectStore('lists', { keyPath: 'key' });
        db.createObjectStore('elements');
      },
    });
    // Where IndexedDB is unavailable, each request fails with the reason; nothing fails at start.
    this.db.catch(() => {});
  }

  async append(key: string, element: Uint8Array): Promise<number> {
    const tx = (await this.db).transaction(['lists', 'elements'], 'readwrite');
    const length = (await tx.objectStore('lists').get(key))?.length ?? 0;
    await Promise.all([
      tx.objectStore('elements').put(element, [key, length]),
      tx.objectStore('lists').put({ key, length: length + 1 }),
      tx.done,
    ]);
    return length + 1;
  }

  async read(key: string, count: number): Promise<Uint8Array[]> {
    const db = await this.db;
    const range = count > 0 ? IDBKeyRange.bound([key, 0], [key, count - 1]) : IDBKeyRange.bound([key, 0], [key, Infinity]);
    return db.getAll('elements', range);
  }

  async clear(key: string): Promise<void> {
    const tx = (await this.db).transaction(['lists', 'elements'], 'readwrite');
    await Promise.all([
      tx.objectStore('elements').delete(IDBKeyRange.bound([key, 0], [key, Infinity])),
      tx.objectStore('lists').delete(key),
      tx.done,
    ]);
  }

  close(): void {
    void this.db.then((db) => db.close());
  }
}
