/** Toolchain Worker entry: dispatches ToolchainRequest messages (protocol.ts) to the pure modules. */
import type { ToolchainReply, ToolchainRequest } from './protocol';
import { createCompiler, type Compiler } from './clang';
import { runBuild } from './builder';
import { disassembleWasm } from './disassemble';
import { loadClang, type LoadedClang } from './loader';
import { cacheStoragePchStore } from './pch';
import { createPchMaker, type PchMaker, type PchPort } from './pch-maker';
import { createFaasmBuilder, exportForFaasm, type FaasmBuilder } from '../export';

interface WorkerScope {
  postMessage(message: ToolchainReply, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<ToolchainRequest>) => void) | null;
}
const scope = globalThis as unknown as WorkerScope;

interface Ready { loaded: LoadedClang; compiler: Compiler; loadMs: number; pchMaker: PchMaker }
let loading: Promise<Ready> | null = null;
let ready: Ready | null = null;
let faasmBuilder: FaasmBuilder | null = null;
/** Requests in hand: a PCH Worker starts only when there are none, so it never delays one. */
let inHand = 0;

const spawnPchWorker = (): PchPort =>
  new Worker(new URL('./pch.worker.ts', import.meta.url), { type: 'module', name: 'faasm-pch' });

function load(): Promise<Ready> {
  loading ??= (async () => {
    const t0 = performance.now();
    const loaded = await loadClang((doneBytes, totalBytes) => scope.postMessage({ kind: 'progress', doneBytes, totalBytes }));
    const store = typeof caches === 'undefined' ? null : cacheStoragePchStore(caches, location.origin);
    const compiler = createCompiler(loaded.pkg, store, () => scope.postMessage({ kind: 'pch', status: { state: 'ready' } }));
    await compiler.prepare(); // libfaasm, so the first build is as fast as the rest
    const pchMaker = createPchMaker({ pchs: compiler.pchs, spawn: spawnPchWorker, onStatus: (status) => scope.postMessage({ kind: 'pch', status }) });
    ready = { loaded, compiler, loadMs: performance.now() - t0, pchMaker };
    return ready;
  })();
  loading.catch(() => { loading = null; });
  return loading;
}

async function handle(req: ToolchainRequest): Promise<void> {
  try {
    if (req.kind === 'load') {
      const { loaded, loadMs } = await load();
      const { networkBytes, totalBytes } = loaded;
      scope.postMessage({ kind: 'loaded', id: req.id, networkBytes, totalBytes, loadMs });
      return;
    }
    if (req.kind === 'disassemble') {
      // wabt only: never waits for clang.
      scope.postMessage({ kind: 'disassembled', id: req.id, text: await disassembleWasm(req.wasm) });
      return;
    }
    if (req.kind === 'faasm-export') {
      faasmBuilder ??= createFaasmBuilder((await load()).loaded.pkg);
      const result = await exportForFaasm(faasmBuilder, req.job);
      scope.postMessage({ kind: 'faasm-exported', id: req.id, result }, result.wasm ? [result.wasm.buffer as ArrayBuffer] : []);
      return;
    }
    const outcome = await runBuild(req.job, async () => (await load()).compiler);
    // The module is transferred: the Worker keeps no copy.
    scope.postMessage({ ...outcome, id: req.id }, outcome.kind === 'built' ? [outcome.wasm.buffer as ArrayBuffer] : []);
  } catch (e) {
    scope.postMessage({ kind: 'error', id: req.id, message: e instanceof Error ? e.message : String(e) });
  }
}

scope.onmessage = (event) => {
  inHand++;
  void handle(event.data).finally(() => {
    if (--inHand === 0) ready?.pchMaker.idle();
  });
};
