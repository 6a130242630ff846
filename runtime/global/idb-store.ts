/**
 * The global tier's IndexedDB store (through `idb`): one database for the origin, so every tab
 * and every simulated host shares it and it survives a reload. `keys` holds each key's meta,
 * `chunks` its value in CHUNK_BYTES pieces under [key, index]. One IndexedDB transaction per
 * push or pull: a failed request (QuotaExceededError…) aborts the whole push.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction } from 'idb';
import type { GlobalKeyInfo, GlobalStore, ReadTx, WriteTx } from './store';

interface GlobalDb extends DBSchema {
  keys: { key: string; value: GlobalKeyInfo };
  chunks: { key: [string, number]; value: Uint8Array };
}

export const GLOBAL_DB_NAME = 'faaslet-playground-global';

type Tx<Mode extends IDBTransactionMode> = IDBPTransaction<GlobalDb, ('keys' | 'chunks')[], Mode>;

function reader(tx: Tx<IDBTransactionMode>): ReadTx {
  return {
    meta: (key) => tx.objectStore('keys').get(key),
    chunk: (key, index) => tx.objectStore('chunks').get([key, index]),
    async chunks(key, count) {
      const found = await tx.objectStore('chunks').getAll(IDBKeyRange.bound([key, 0], [key, count - 1]));
      // Chunks are written for every index of a key's first push, so all are there, in index order.
      return Array.from({ length: count }, (_, i) => found[i]);
    },
  };
}

/** The same promise, marked handled: it is awaited later, after other requests may have failed first. */
function quiet<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {});
  return promise;
}

export class IdbGlobalStore implements GlobalStore {
  private readonly db: Promise<IDBPDatabase<GlobalDb>>;

  constructor() {
    this.db = openDB<GlobalDb>(GLOBAL_DB_NAME, 1, {
      upgrade(db) {
        db.createObjectStore('keys', { keyPath: 'key' });
        db.createObjectStore('chunks');
      },
    });
    // Where IndexedDB is unavailable, each push and pull fails with the reason; nothing fails at start.
    quiet(this.db);
  }

  async read<T>(body: (tx: ReadTx) => Promise<T>): Promise<T> {
    const tx = (await this.db).transaction(['keys', 'chunks'], 'readonly');
    const result = await body(reader(tx));
    await tx.done;
    return result;
  }

  async write<T>(body: (tx: WriteTx) => Promise<T>): Promise<T> {
    const tx = (await this.db).transaction(['keys', 'chunks'], 'readwrite');
    const requests: Promise<unknown>[] = [quiet(tx.done)];
    const writer: WriteTx = {
      ...reader(tx),
      putMeta: (info) => void requests.push(quiet(tx.objectStore('keys').put(info))),
      putChunk: (key, index, bytes) => void requests.push(quiet(tx.objectStore('chunks').put(bytes, [key, index]))),
    };
    try {
      const result = await body(writer);
      // A failed put aborts the transaction, and tx.done rejects with its error.
      await Promise.all(requests);
      return result;
    } catch (error) {
      try {
        tx.abort();
      } catch {
        // The failed request aborted it already.
      }
      throw error;
    }
  }

  async list(): Promise<GlobalKeyInfo[]> {
    return (await this.db).getAll('keys');
  }

  close(): void {
    void this.db.then((db) => db.close());
  }
}
