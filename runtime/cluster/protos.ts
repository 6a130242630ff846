/**
 * The host agent's side of Proto-Faaslets: the snapshot store (one post-zygote image per
 * function, in SharedArrayBuffers and IndexedDB), how each function's Faaslets started, and the
 * snapshots a person takes of a Faaslet by hand.
 */
import type { PageDiff, ProtoFaasletInfo, SnapshotInfo, StartKind } from '../api';
import type { FaasletToHost } from '../faaslet';
import {
  PAGE_SIZE,
  ProtoStore,
  changedPages,
  imageInfo,
  indexedDbPersistence,
  type ProtoImage,
} from '../proto';
import type { Cluster } from './cluster';
import type { FaasletHandle } from './faaslet-handle';
import type { FunctionStore } from './functions';

interface Snapshot {
  faaslet: number;
  function: string;
  image: ProtoImage;
}

const splitKey = (fn: string): [string, string] => {
  const slash = fn.indexOf('/');
  return [fn.slice(0, slash), fn.slice(slash + 1)];
};

export class ProtoFaaslets {
  private readonly store = new ProtoStore(typeof indexedDB === 'undefined' ? null : indexedDbPersistence());
  private readonly manual = new Map<string, Snapshot>();

  constructor(
    private readonly cluster: Cluster,
    private readonly functions: FunctionStore,
    private readonly changed: (protos: ProtoFaasletInfo[]) => void,
  ) {}

  /** Bring back persisted images of functions whose build has not changed (functions loaded first). */
  load(): Promise<void> {
    return this.store.load((fn) => this.functions.get(...splitKey(fn))?.fingerprint);
  }

  image(fn: string): ProtoImage | null {
    return this.store.image(fn);
  }

  /** A Faaslet took a function's Proto-Faaslet; kept unless the function was rebuilt meanwhile. */
  async taken({ functionName, image }: Extract<FaasletToHost, { kind: 'proto' }>): Promise<void> {
    const current = this.functions.get(...splitKey(functionName));
    if (!current || current.fingerprint !== image.fingerprint) return;
    await this.store.put(functionName, image, current.fingerprint);
    this.changed(this.store.list());
  }

  started(fn: string, kind: StartKind, zygoteRan: boolean): void {
    this.store.recordStart(fn, kind, zygoteRan);
    if (kind === 'cold') this.changed(this.store.list());
  }

  /** The function was rebuilt, renamed or deleted: its image no longer applies. */
  async invalidate(fn: string): Promise<void> {
    await this.store.invalidate(fn);
    this.changed(this.store.list());
  }

  list(): ProtoFaasletInfo[] {
    return this.store.list();
  }

  private faaslet(id: number): FaasletHandle {
    const faaslet = this.cluster.faaslet(id);
    if (!faaslet) throw new Error(`no Faaslet ${id} exists (it may have gone with its host)`);
    return faaslet;
  }

  private snapshot(name: string, faaslet: FaasletHandle): Snapshot {
    const snapshot = this.manual.get(name);
    if (!snapshot) throw new Error(`no snapshot named "${name}"`);
    if (faaslet.function !== snapshot.function) {
      throw new Error(
        `snapshot "${name}" is of ${snapshot.function}; Faaslet ${faaslet.id} holds ${faaslet.function ?? 'no function'}`,
      );
    }
    return snapshot;
  }

  private info(name: string, { faaslet, function: fn, image }: Snapshot): SnapshotInfo {
    return { name, faaslet, function: fn, image: imageInfo(image) };
  }

  async take(faasletId: number, name: string): Promise<SnapshotInfo> {
    if (!name.trim()) throw new Error('a snapshot needs a name');
    const faaslet = this.faaslet(faasletId);
    const fn = faaslet.function;
    const image = await faaslet.snapshot();
    const snapshot = { faaslet: faasletId, function: fn!, image };
    this.manual.set(name, snapshot);
    return this.info(name, snapshot);
  }

  snapshots(): SnapshotInfo[] {
    return [...this.manual].map(([name, snapshot]) => this.info(name, snapshot));
  }

  async restore(name: string, faasletId: number): Promise<void> {
    const faaslet = this.faaslet(faasletId);
    await faaslet.restore(this.snapshot(name, faaslet).image);
  }

  diff(name: string, faasletId: number): PageDiff {
    const faaslet = this.faaslet(faasletId);
    const { image } = this.snapshot(name, faaslet);
    if (!faaslet.memory) throw new Error(`Faaslet ${faasletId} holds no memory`);
    const memory = new Uint8Array(faaslet.memory.buffer);
    return { snapshot: name, faaslet: faasletId, totalPages: memory.byteLength / PAGE_SIZE, changed: changedPages(image, memory) };
  }

  /**
   * The image a call of `fn` starts from when it names a snapshot (Faasm's message `snapshotKey`):
   * the snapshot must be of that function and of its current build, or the call is refused.
   */
  startImage(name: string, fn: string, fingerprint: string): { image: ProtoImage } | { refused: string } {
    const snapshot = this.manual.get(name);
    if (!snapshot) return { refused: `refused: no snapshot named "${name}" exists (take one in the Protos tab first)` };
    if (snapshot.function !== fn) return { refused: `refused: snapshot "${name}" is of ${snapshot.function}, not ${fn}` };
    if (snapshot.image.fingerprint !== fingerprint) {
      return { refused: `refused: snapshot "${name}" was taken of an earlier build of ${fn}; take it again after the rebuild` };
    }
    return { image: snapshot.image };
  }

  delete(name: string): void {
    this.manual.delete(name);
  }
}
