/**
 * PCH Worker entry: makes one precompiled header (pch.ts, `makePch`) with its own clang, loaded
 * from the same cached toolchain files, stores it in Cache Storage and replies; the toolchain
 * Worker then ends it, so the extra clang instance lives only while the PCH is being made.
 */
import type { PchReply, PchRequest } from './protocol';
import { run } from './clang';
import { CLANG_VERSION, loadClang } from './loader';
import { cacheStoragePchStore, makePch } from './pch';
import { headerTree } from './sysroot';

interface WorkerScope {
  postMessage(message: PchReply): void;
  onmessage: ((event: MessageEvent<PchRequest>) => void) | null;
}
const scope = globalThis as unknown as WorkerScope;

async function make(flags: string[]): Promise<PchReply> {
  if (typeof caches === 'undefined') return { kind: 'not-made', reason: 'no Cache Storage to keep it in' };
  const { pkg } = await loadClang(() => undefined);
  const reason = await makePch({
    run: (args, files) => run(pkg.commands['clang++'], args, files),
    headers: headerTree,
    version: CLANG_VERSION,
    store: cacheStoragePchStore(caches, location.origin),
  }, flags);
  return reason === null ? { kind: 'stored' } : { kind: 'not-made', reason };
}

scope.onmessage = (event) => {
  make(event.data.flags).then(
    (reply) => scope.postMessage(reply),
    (e: unknown) => scope.postMessage({ kind: 'not-made', reason: e instanceof Error ? e.message : String(e) }),
  );
};
