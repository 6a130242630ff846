/**
 * Appended state in the global tier: one sequence of elements per key, shared by every host and
 * every tab, as Faasm keeps it (a Redis list per key: `faasmAppendState` is RPUSH,
 * `faasmReadAppendedState` is LRANGE 0 n-1, `faasmClearAppendedState` is DEL; faasm/faabric
 * src/state/RedisStateKeyValue.cpp and src/redis/Redis.cpp, dequeueMultiple). So:
 * - each append is one store transaction: it lands whole, after every append before it;
 * - a read copies at most the elements that exist (asking for more is not an error, the rest of
 *   the buffer is left as it was), and a count of 0 reads them all (LRANGE 0 -1);
 * - reading does not remove anything; clearing removes every element of the key.
 * Faasm copies first and then throws when the elements overran the buffer; here a read that would
 * overrun is refused before anything is copied.
 */
import type { AppendedRequest, GlobalReply } from './protocol';

/** Where the sequences live: IndexedDB in the browser (appended-idb.ts), a Map in unit tests. */
export interface AppendedStore {
  /** Adds one element at the end of the key's sequence, atomically; returns the new length. */
  append(key: string, element: Uint8Array): Promise<number>;
  /** The first `count` elements (fewer if fewer exist; all of them when `count` is 0), in order. */
  read(key: string, count: number): Promise<Uint8Array[]>;
  clear(key: string): Promise<void>;
  close(): void;
}

export function isAppendedRequest(request: { kind: string }): request is AppendedRequest {
  return request.kind === 'append' || request.kind === 'read-appended' || request.kind === 'clear-appended';
}

function concatenate(elements: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(elements.reduce((sum, element) => sum + element.byteLength, 0));
  let at = 0;
  for (const element of elements) {
    out.set(element, at);
    at += element.byteLength;
  }
  return out;
}

/** Serves one appended-state request; the version in the reply is the sequence's length after an append. */
export async function serveAppended(store: AppendedStore, request: AppendedRequest): Promise<GlobalReply> {
  if (request.kind === 'append') return { kind: 'done', version: await store.append(request.key, request.data) };
  if (request.kind === 'clear-appended') {
    await store.clear(request.key);
    return { kind: 'done', version: 0 };
  }
  const elements = await store.read(request.key, request.count);
  const bytes = concatenate(elements);
  if (bytes.byteLength > request.maxBytes) {
    return {
      kind: 'refused',
      message: `the first ${elements.length} appended elements of key "${request.key}" are ${bytes.byteLength} bytes; the buffer holds ${request.maxBytes}`,
    };
  }
  return { kind: 'done', version: elements.length, bytes };
}
