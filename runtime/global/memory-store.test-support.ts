/** An in-memory GlobalStore for unit tests: writes are staged and kept only if the transaction commits. */
import type { GlobalKeyInfo, GlobalStore, ReadTx, WriteTx } from './store';

export class MemoryGlobalStore implements GlobalStore {
  readonly metas = new Map<string, GlobalKeyInfo>();
  readonly chunkMap = new Map<string, Uint8Array>();
  /** Fail the next write transaction's put number `n` (0-based) with IndexedDB's own quota error. */
  failPut: number | null = null;
  chunkPuts = 0;

  private reader(metas: Map<string, GlobalKeyInfo>, chunks: Map<string, Uint8Array>): ReadTx {
    return {
      meta: async (key) => metas.get(key),
      chunk: async (key, index) => chunks.get(`${key}#${index}`),
      chunks: async (key, count) => Array.from({ length: count }, (_, i) => chunks.get(`${key}#${i}`)),
    };
  }

  read<T>(body: (tx: ReadTx) => Promise<T>): Promise<T> {
    return body(this.reader(this.metas, this.chunkMap));
  }

  async write<T>(body: (tx: WriteTx) => Promise<T>): Promise<T> {
    const metas = new Map(this.metas);
    const chunks = new Map(this.chunkMap);
    let puts = 0;
    const fail = () => {
      if (puts++ === this.failPut) {
        this.failPut = null;
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
    };
    const result = await body({
      ...this.reader(metas, chunks),
      putMeta: (info) => (fail(), metas.set(info.key, { ...info })),
      putChunk: (key, index, bytes) => {
        fail();
        if (bytes.buffer instanceof SharedArrayBuffer) throw new Error('DataCloneError: a view of shared memory');
        this.chunkPuts++;
        chunks.set(`${key}#${index}`, bytes.slice());
      },
    });
    for (const [key, meta] of metas) this.metas.set(key, meta);
    for (const [key, chunk] of chunks) this.chunkMap.set(key, chunk);
    return result;
  }

  async list(): Promise<GlobalKeyInfo[]> {
    return [...this.metas.values()];
  }

  close(): void {}
}
