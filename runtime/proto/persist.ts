/**
 * Proto-Faaslet images in IndexedDB (idb), so they survive a reload. IndexedDB cannot store a
 * SharedArrayBuffer: images are copied into plain buffers on the way in and back into shared
 * ones on the way out.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { cloneImage, type ProtoImage } from './image';

type Persisted = Omit<ProtoImage, 'extents' | 'data'> & { extents: Uint32Array; data: Uint8Array };

interface ProtoDb extends DBSchema {
  images: { key: string; value: Persisted };
}

/** Where the snapshot store keeps images between page loads. */
export interface ProtoPersistence {
  loadAll(): Promise<Map<string, ProtoImage>>;
  put(fn: string, image: ProtoImage): Promise<void>;
  delete(fn: string): Promise<void>;
}

export function indexedDbPersistence(dbName = 'faaslet-playground-protos'): ProtoPersistence {
  let db: Promise<IDBPDatabase<ProtoDb>> | null = null;
  const open = () => (db ??= openDB<ProtoDb>(dbName, 1, { upgrade: (d) => d.createObjectStore('images') }));
  return {
    async loadAll() {
      const images = new Map<string, ProtoImage>();
      const database = await open();
      for (const fn of await database.getAllKeys('images')) {
        const stored = await database.get('images', fn);
        if (!stored) continue;
        images.set(fn, cloneImage(stored));
      }
      return images;
    },
    async put(fn, image) {
      await (await open()).put('images', { ...image, extents: image.extents.slice(), data: image.data.slice() }, fn);
    },
    async delete(fn) {
      await (await open()).delete('images', fn);
    },
  };
}
