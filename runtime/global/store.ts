/**
 * Where the global tier keeps its values, behind a small interface: IndexedDB in the browser
 * (idb-store.ts), an in-memory store in unit tests. A write transaction is all or nothing: if any
 * step fails (the quota, a closed database), nothing of it is kept.
 */
import type { GlobalKeyInfo } from '../api';

export type { GlobalKeyInfo };

export interface ReadTx {
  meta(key: string): Promise<GlobalKeyInfo | undefined>;
  /** Chunk `index` of the key, or undefined if never written. */
  chunk(key: string, index: number): Promise<Uint8Array | undefined>;
  /** Chunks 0 … count-1 in one request; a missing chunk is undefined. */
  chunks(key: string, count: number): Promise<(Uint8Array | undefined)[]>;
}

export interface WriteTx extends ReadTx {
  /** Queued in the transaction; kept only if the whole transaction commits. */
  putMeta(info: GlobalKeyInfo): void;
  /** `bytes` must not be a view of shared memory: stores clone what they keep. */
  putChunk(key: string, index: number, bytes: Uint8Array): void;
}

export interface GlobalStore {
  read<T>(body: (tx: ReadTx) => Promise<T>): Promise<T>;
  /** Commits when `body` resolves; a rejection or a failed request aborts everything it wrote. */
  write<T>(body: (tx: WriteTx) => Promise<T>): Promise<T>;
  list(): Promise<GlobalKeyInfo[]>;
  close(): void;
}

/** A refusal by the global tier's own rules (sizes), as opposed to a storage failure. */
export class GlobalTierError extends Error {
  override name = 'GlobalTierError';
}
