/**
 * The host agent: the runtime the page talks to. It builds and uploads functions, and runs
 * calls — from the page, or chained by other calls — on the simulated cluster, answering each
 * Faaslet's awaits from the call table.
 */
import type {
  BuildReport,
  CallRequest,
  CallResult,
  Capabilities,
  ClusterConfig,
  ClusterView,
  FunctionInfo,
  FaasletInspection,
  FaasmExport,
  FunctionLimits,
  FunctionSource,
  GlobalKeyInfo,
  LocalTier,
  MemoryUsage,
  ModuleInterface,
  PageDiff,
  ProtoFaasletInfo,
  RuntimeApi,
  RuntimeEvent,
  SnapshotInfo,
  ToolchainStatus,
  UserFileInfo,
} from '../api';
import { spawnFaasletWorker, type AwaitMode, type FaasletToHost } from '../faaslet';
import { GlobalLocks, GlobalTier, IdbAppendedStore, IdbGlobalStore, openTabChannel, replyAnswer } from '../global';
import { postAnswer, type StateMappingMode } from '../host';
import { createToolchain, moduleLayout, type Toolchain } from '../toolchain';
import { IdbFileStore } from '../host/files';
import { installedLibraryPath } from '../host/dynlink';
import { CallResources } from './call-resources';
import { CallTable } from './calls';
import { detectCapabilities } from './capabilities';
import { Cluster } from './cluster';
import type { FaasletHandle } from './faaslet-handle';
import { FunctionStore } from './functions';
import { Invoker } from './invoker';
import { measureMemory } from './memory-usage';
import { defaultMemoryBudget, MAX_BUDGET_MIB, MIB, MIN_BUDGET_MIB } from './memory-budget';
import { now } from './results';
import { ProtoFaaslets } from './protos';
import { PAGES_PER_MIB } from './limits';
import { upload } from './upload';
import { argsOfCmdline } from './cmdline';
import { uploadLibrary } from './library-upload';

export const DEFAULT_CPU_TIME_LIMIT_MS = 5000;
export const DEFAULT_CLUSTER: ClusterConfig = {
  hosts: 2,
  slotsPerHost: 4,
  maxCallDepth: 64,
  maxPendingPerUser: 1024,
  // WorkerNavigator has deviceMemory in Chromium (capped at 8); other browsers leave it out.
  memoryBudgetMiB: defaultMemoryBudget((navigator as Navigator & { deviceMemory?: number }).deviceMemory) / MIB,
};

export class HostAgent implements RuntimeApi {
  private listener: ((event: RuntimeEvent) => void) | null = null;
  private readonly functions = new FunctionStore();
  private readonly calls = new CallTable();
  private readonly toolchain: Toolchain;
  private readonly simulated: Cluster;
  private readonly invoker: Invoker;
  private readonly protos: ProtoFaaslets;
  /** The global tier (IndexedDB, Web Locks), asked by Faaslets through their mailboxes. */
  private readonly globalTier: GlobalTier;
  private readonly loaded: Promise<void>;
  private clusterChangePending = false;
  /** Users' files, clocks and functions' limits (issue 8). */
  private readonly resources = new CallResources(new IdbFileStore(), (user) => this.emit({ type: 'files.changed', user }));

  constructor(awaitMode: AwaitMode) {
    this.toolchain = createToolchain(
      (doneBytes, totalBytes) => this.emit({ type: 'toolchain.progress', doneBytes, totalBytes }),
      (pch) => this.emit({ type: 'toolchain.pch', pch }),
    );
    this.simulated = new Cluster(
      { ...DEFAULT_CLUSTER },
      spawnFaasletWorker,
      {
        started: (message) => this.invoker.started(message),
        output: (callId, stream, text) => this.invoker.output(callId, stream, text),
        chain: (message: Extract<FaasletToHost, { kind: 'chain' }>) => this.invoker.chain(message),
        await: (faaslet: FaasletHandle, callId: number, awaited: number) => this.invoker.await(faaslet, callId, awaited),
        proto: (message: Extract<FaasletToHost, { kind: 'proto' }>) => void this.protos.taken(message),
        global: (faaslet: FaasletHandle, { callId, user, request }: Extract<FaasletToHost, { kind: 'global' }>) =>
          void this.globalTier.serve({ host: faaslet.host, callId, user }, request).then((reply) => {
            // A killed call's Faaslet is gone; its successor must not read a stale reply.
            if (faaslet.callId === callId) postAnswer(faaslet.mailbox, replyAnswer(reply));
          }),
      },
      () => this.clusterChanged(),
      () => this.invoker.localTiers().map((tier) => tier.arena.memory),
    );
    this.protos = new ProtoFaaslets(this.simulated, this.functions, (protos) => this.emit({ type: 'proto.changed', protos }));
    this.globalTier = new GlobalTier({
      store: new IdbGlobalStore(),
      appended: new IdbAppendedStore(),
      locks: new GlobalLocks(navigator.locks),
      arenaOf: (host, user) => this.invoker.arena(host, user),
      emit: (change) => this.emit({ type: 'state.global', change }),
      openTabs: openTabChannel,
    });
    this.invoker = new Invoker(
      this.simulated,
      this.calls,
      this.functions,
      this.protos,
      awaitMode,
      (event) => this.emit(event),
      this.globalTier,
      this.resources,
    );
    // Images are checked against the loaded functions' builds, so functions come first.
    this.loaded = this.functions.load().then(() => this.protos.load());
  }

  /** A failure nothing else caught in this Worker (cluster.worker.ts): the page is told, nothing is thrown. */
  reportUncaught(error: unknown): void {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    this.emit({ type: 'runtime.error', message: `the host agent hit an uncaught error: ${message}` });
  }

  private emit(event: RuntimeEvent): void {
    this.listener?.(event);
  }

  /** Cluster views are sent at most every 50 ms, however many calls come and go. */
  private clusterChanged(): void {
    if (this.clusterChangePending) return;
    this.clusterChangePending = true;
    setTimeout(() => {
      this.clusterChangePending = false;
      this.emit({ type: 'cluster.changed', cluster: this.simulated.view() });
    }, 50);
  }

  async capabilities(): Promise<Capabilities> {
    const { hosts, slotsPerHost } = this.simulated.config;
    return {
      ...detectCapabilities(),
      poolSize: hosts * slotsPerHost,
      awaitMode: this.invoker.awaitMode,
      stateMapping: this.invoker.stateMapping,
    };
  }

  async setStateMapping(mode: StateMappingMode): Promise<Capabilities> {
    this.invoker.stateMapping = mode === 'zero-copy' && detectCapabilities().multiMemory ? 'zero-copy' : 'copy';
    return this.capabilities();
  }

  async setAwaitMode(mode: AwaitMode): Promise<Capabilities> {
    this.invoker.awaitMode = mode === 'jspi' && detectCapabilities().jspi ? 'jspi' : 'mailbox';
    return this.capabilities();
  }

  async subscribe(listener: (event: RuntimeEvent) => void): Promise<void> {
    this.listener = listener;
  }

  loadToolchain(): Promise<ToolchainStatus> {
    return this.toolchain.load().then((loaded) => ({ ready: true, ...loaded }));
  }

  async build(source: FunctionSource): Promise<BuildReport> {
    const startedAt = performance.now();
    // Without multi-memory a rewritten module could not even be instantiated: state is copied instead.
    const rewrite = detectCapabilities().multiMemory;
    const library = source.kind === 'library';
    const outcome = await this.toolchain.build({ language: source.language, source: source.source, kind: source.kind, rewrite });
    const limits = this.resources.limitsOf(`${source.user}/${source.name}`);
    const { report, stored } = library
      ? await uploadLibrary(source, outcome, startedAt)
      : await upload(source, outcome, startedAt, limits.memoryMiB * PAGES_PER_MIB);
    if (stored) {
      await this.loaded;
      // Installed where dlopen looks for it; the Files tab shows it.
      if (library) await this.resources.files.write(source.user, installedLibraryPath(source.name), stored.wasm);
      await this.functions.put(stored);
      // A rebuild invalidates the Proto-Faaslet: the next Faaslet initialises and takes a new one.
      await this.protos.invalidate(`${source.user}/${source.name}`);
      this.emit({ type: 'functions.changed', functions: this.functions.list() });
    }
    return report;
  }

  async call(request: CallRequest): Promise<CallResult> {
    await this.loaded;
    return this.invoker.invoke({
      id: this.invoker.nextCallId(),
      parentId: null,
      user: request.user,
      name: request.name,
      depth: 0,
      input: request.input,
      args: request.args ?? argsOfCmdline(request.cmdline ?? ''),
      chainCmdlines: request.chainCmdlines ?? {},
      snapshot: request.snapshot ?? null,
      entry: { kind: 'main' },
      timeLimitMs: request.cpuTimeLimitMs ?? DEFAULT_CPU_TIME_LIMIT_MS,
    });
  }

  async inspectFaaslet(id: number): Promise<FaasletInspection> {
    const faaslet = this.simulated.faaslet(id);
    if (!faaslet) throw new Error(`Faaslet f${id} has ended: a host keeps only as many idle Faaslets as it has slots`);
    const fn = faaslet.function;
    const slash = fn?.indexOf('/') ?? -1;
    const user = fn && slash > 0 ? fn.slice(0, slash) : null;
    const stored = fn && user ? this.functions.get(user, fn.slice(slash + 1)) : undefined;
    return {
      faaslet: id,
      host: faaslet.host,
      function: fn,
      memory: faaslet.memory,
      layout: stored ? moduleLayout(stored.wasm) : null,
      image: fn ? this.protos.image(fn) : null,
      tier: this.invoker.localTiers().find((t) => t.host === faaslet.host && t.user === user) ?? null,
    };
  }

  async localTiers(): Promise<LocalTier[]> {
    return this.invoker.localTiers();
  }

  async memoryUsage(user: string): Promise<MemoryUsage> {
    const faasletMemories = this.simulated.busyFaaslets(user).flatMap((f) => (f.memory ? [f.memory] : []));
    return measureMemory({ faasletMemories, arenas: this.invoker.arenasOf(user) }, now());
  }

  globalKeys(): Promise<GlobalKeyInfo[]> {
    return this.globalTier.keys();
  }

  async stop(callId: number): Promise<boolean> {
    return this.invoker.stop(callId);
  }

  async listFunctions(): Promise<FunctionInfo[]> {
    await this.loaded;
    return this.functions.list();
  }

  async deleteFunction(user: string, name: string): Promise<void> {
    await this.loaded;
    if (this.functions.get(user, name)?.kind === 'library') await this.resources.files.remove(user, installedLibraryPath(name));
    await this.functions.delete(user, name);
    await this.protos.invalidate(`${user}/${name}`);
    this.emit({ type: 'functions.changed', functions: this.functions.list() });
  }

  async renameFunction(user: string, from: string, to: string): Promise<void> {
    await this.loaded;
    await this.functions.rename(user, from, to);
    const renamed = this.functions.get(user, to);
    if (renamed?.kind === 'library') {
      await this.resources.files.write(user, installedLibraryPath(to), renamed.wasm);
      await this.resources.files.remove(user, installedLibraryPath(from));
    }
    await this.protos.invalidate(`${user}/${from}`);
    this.emit({ type: 'functions.changed', functions: this.functions.list() });
  }

  private async uploaded(user: string, name: string) {
    await this.loaded;
    const stored = this.functions.get(user, name);
    if (!stored) throw new Error(`${user}/${name} has no uploaded build`);
    return stored;
  }

  async moduleInterface(user: string, name: string): Promise<ModuleInterface> {
    const { module } = await this.uploaded(user, name);
    return { imports: WebAssembly.Module.imports(module), exports: WebAssembly.Module.exports(module) };
  }

  async moduleText(user: string, name: string): Promise<string> {
    return this.toolchain.disassemble((await this.uploaded(user, name)).wasm);
  }

  async exportForFaasm(source: FunctionSource): Promise<FaasmExport> {
    if (source.language === 'wat') throw new Error('Export for Faasm builds C or C++: Faasm builds functions from source with its own toolchain');
    if (source.kind === 'library') throw new Error('Export for Faasm builds functions; a library is built for dlopen with Faasm\'s toolchain as a shared file');
    return this.toolchain.exportForFaasm({ language: source.language, source: source.source });
  }

  async moduleBytes(user: string, name: string): Promise<Uint8Array> {
    // comlink copies it to the page (structured clone): the store keeps its own.
    return (await this.uploaded(user, name)).wasm;
  }

  async cluster(): Promise<ClusterView> {
    return this.simulated.view();
  }

  async configureCluster(config: Partial<ClusterConfig>): Promise<ClusterView> {
    const next = { ...this.simulated.config, ...config };
    const whole = (value: number, min: number, max: number) => Math.min(max, Math.max(min, Math.round(value)));
    this.simulated.config = {
      hosts: whole(next.hosts, 1, 8),
      slotsPerHost: whole(next.slotsPerHost, 1, 16),
      maxCallDepth: whole(next.maxCallDepth, 1, 1024),
      maxPendingPerUser: whole(next.maxPendingPerUser, 1, 100_000),
      memoryBudgetMiB: whole(next.memoryBudgetMiB, MIN_BUDGET_MIB, MAX_BUDGET_MIB),
    };
    this.simulated.resize();
    return this.simulated.view();
  }

  async protoFaaslets(): Promise<ProtoFaasletInfo[]> {
    await this.loaded;
    return this.protos.list();
  }

  snapshotFaaslet(faaslet: number, name: string): Promise<SnapshotInfo> {
    return this.protos.take(faaslet, name);
  }

  async snapshots(): Promise<SnapshotInfo[]> {
    return this.protos.snapshots();
  }

  restoreSnapshot(name: string, faaslet: number): Promise<void> {
    return this.protos.restore(name, faaslet);
  }

  async diffSnapshot(name: string, faaslet: number): Promise<PageDiff> {
    return this.protos.diff(name, faaslet);
  }

  async deleteSnapshot(name: string): Promise<void> {
    this.protos.delete(name);
  }

  listFiles(user: string): Promise<UserFileInfo[]> {
    return this.resources.files.list(user);
  }

  readFile(user: string, path: string): Promise<Uint8Array> {
    return this.resources.files.read(user, path);
  }

  writeFile(user: string, path: string, data: Uint8Array): Promise<void> {
    return this.resources.files.write(user, path, data);
  }

  deleteFile(user: string, path: string): Promise<void> {
    return this.resources.files.remove(user, path);
  }

  async setLimits(user: string, name: string, limits: FunctionLimits): Promise<void> {
    this.resources.setLimits(`${user}/${name}`, limits);
  }
}
