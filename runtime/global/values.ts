/**
 * Push and pull as transactions on a GlobalStore: the rules of the global tier, free of
 * IndexedDB and of arenas, so unit tests run them in Node.
 *
 * - A push writes the given ranges of the local value as the key's next version, in one write
 *   transaction; a key the global tier lacks is written whole (the rest would not exist).
 * - A key's size is fixed by its first push; a push or pull of another size is refused.
 * - A pull reads the meta and every chunk in one read transaction, so it sees one version.
 */
import { chunkCount, chunkLength, chunkWrites, CHUNK_BYTES, type ByteRange } from './chunks';
import { GlobalTierError, type GlobalKeyInfo, type GlobalStore } from './store';

export interface Pushed {
  version: number;
  /** Bytes of the value the push wrote (the ranges, or the whole value). */
  bytes: number;
}

/** Write `ranges` of `source` (the whole local value; 'whole' for all of it) as the next version. */
export function pushValue(store: GlobalStore, key: string, source: Uint8Array, ranges: readonly ByteRange[] | 'whole'): Promise<Pushed> {
  const size = source.byteLength;
  return store.write(async (tx) => {
    const meta = await tx.meta(key);
    if (meta && meta.size !== size) {
      throw new GlobalTierError(`key "${key}" has ${meta.size} bytes in the global tier; this host's value has ${size}`);
    }
    const all = ranges === 'whole' || !meta ? [{ offset: 0, length: size }] : ranges;
    let bytes = 0;
    for (const write of chunkWrites(size, all)) {
      const start = write.index * CHUNK_BYTES;
      const length = chunkLength(size, write.index);
      if (write.whole) {
        // slice() copies out of the shared arena: stores cannot keep views of shared memory.
        tx.putChunk(key, write.index, source.slice(start, start + length));
        bytes += length;
        continue;
      }
      const chunk = new Uint8Array(length);
      chunk.set((await tx.chunk(key, write.index)) ?? new Uint8Array(0));
      for (const { offset, length: patched } of write.patches) {
        chunk.set(source.subarray(start + offset, start + offset + patched), offset);
        bytes += patched;
      }
      tx.putChunk(key, write.index, chunk);
    }
    const version = (meta?.version ?? 0) + 1;
    tx.putMeta({ key, size, version, updatedAt: Date.now() });
    return { version, bytes };
  });
}

export interface Pulled {
  info: GlobalKeyInfo;
  value: Uint8Array;
}

/** The key's value and meta as of one version, or null if the global tier lacks the key. */
export function pullValue(store: GlobalStore, key: string): Promise<Pulled | null> {
  return store.read(async (tx) => {
    const info = await tx.meta(key);
    if (!info) return null;
    const chunks = await tx.chunks(key, chunkCount(info.size));
    const value = new Uint8Array(info.size);
    chunks.forEach((chunk, index) => chunk && value.set(chunk, index * CHUNK_BYTES));
    return { info, value };
  });
}
