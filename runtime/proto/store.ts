/**
 * The snapshot store: one Proto-Faaslet image per function (its post-zygote state), with counts
 * of how that function's Faaslets started. Images are held in SharedArrayBuffers and mirrored
 * to a persistence (IndexedDB in the browser) so a reload restores instead of initialising.
 */
import type { ProtoFaasletInfo, ProtoImageInfo, StartKind } from '../api';
import { checkImageFor, imageBytes, imagePages, type ProtoImage } from './image';
import type { ProtoPersistence } from './persist';

interface Entry {
  image: ProtoImage | null;
  zygoteRuns: number;
  starts: Record<StartKind, number>;
}

export function imageInfo(image: ProtoImage): ProtoImageInfo {
  return {
    memoryBytes: image.memoryBytes,
    pages: imagePages(image).length,
    storedBytes: imageBytes(image),
    globals: Object.keys(image.globals).length,
    createdAt: image.createdAt,
    fingerprint: image.fingerprint,
  };
}

export class ProtoStore {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly persistence: ProtoPersistence | null = null) {}

  private entry(fn: string): Entry {
    let entry = this.entries.get(fn);
    if (!entry) {
      entry = { image: null, zygoteRuns: 0, starts: { cold: 0, restored: 0, warm: 0 } };
      this.entries.set(fn, entry);
    }
    return entry;
  }

  /**
   * Load persisted images, keeping those whose module is still the function's current build;
   * the others (rebuilt, deleted) are dropped from the persistence too.
   */
  async load(fingerprintOf: (fn: string) => string | undefined): Promise<void> {
    if (!this.persistence) return;
    for (const [fn, image] of await this.persistence.loadAll()) {
      if (fingerprintOf(fn) === image.fingerprint) this.entry(fn).image ??= image;
      else await this.persistence.delete(fn);
    }
  }

  image(fn: string): ProtoImage | null {
    return this.entries.get(fn)?.image ?? null;
  }

  /** Keep a freshly taken image; refused when the function has been rebuilt since it was taken. */
  async put(fn: string, image: ProtoImage, currentFingerprint: string): Promise<void> {
    checkImageFor(image, currentFingerprint, `the current build of ${fn}`);
    this.entry(fn).image = image;
    await this.persistence?.put(fn, image);
  }

  /** The function was rebuilt or deleted: its image no longer applies. */
  async invalidate(fn: string): Promise<void> {
    const entry = this.entries.get(fn);
    if (entry) entry.image = null;
    await this.persistence?.delete(fn);
  }

  /** A Faaslet of `fn` started; `zygoteRan` as the Faaslet reported it (a cold start of a function with a zygote). */
  recordStart(fn: string, kind: StartKind, zygoteRan: boolean): void {
    const entry = this.entry(fn);
    entry.starts[kind]++;
    if (zygoteRan) entry.zygoteRuns++;
  }

  list(): ProtoFaasletInfo[] {
    return [...this.entries]
      .map(([fn, { image, zygoteRuns, starts }]) => ({
        function: fn,
        image: image ? imageInfo(image) : null,
        zygoteRuns,
        starts: { ...starts },
      }))
      .sort((a, b) => a.function.localeCompare(b.function));
  }
}
