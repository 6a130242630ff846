/**
 * The UI ↔ runtime boundary, part two: what the page can look into while functions run —
 * Proto-Faaslet images and snapshots, a Faaslet's memory and layout, the local and global
 * tiers of state, a user's files. Shared memories are handed over as they are, so the page
 * reads them live without a message per frame. runtime/api.ts re-exports all of it.
 */
import type { ProtoImage } from './proto';
import type { StartKind, Timestamp } from './api';

/** One entry of a user's files (runtime/host/files), as listed in the page. */
export interface UserFileInfo {
  /** Relative to the Faaslet's root '/', e.g. `data/in.txt`. */
  path: string;
  size: number;
  directory: boolean;
  /** When it was last flushed or uploaded, ms since the epoch. */
  modifiedAt: number;
}

/** A Proto-Faaslet image or manual snapshot, as the snapshot store holds it. */
export interface ProtoImageInfo {
  /** Memory 0's size when taken, bytes. */
  memoryBytes: number;
  /** 64 KiB pages of memory 0 that hold non-zero bytes (the rest is not stored). */
  pages: number;
  /** What the image costs in the snapshot store, bytes. */
  storedBytes: number;
  /** Mutable globals held (the stack pointer and the rest). */
  globals: number;
  createdAt: Timestamp;
  /** SHA-256 of the module it belongs to. */
  fingerprint: string;
}

/** A function's Proto-Faaslet and how its Faaslets have started since the runtime did. */
export interface ProtoFaasletInfo {
  function: string;
  /** null until a first initialisation finishes, and again after a rebuild. */
  image: ProtoImageInfo | null;
  /** `_faasm_zygote` invocations, as the Faaslets reported them: 0 for a function without one. */
  zygoteRuns: number;
  starts: Record<StartKind, number>;
}

/** A snapshot taken by hand of one Faaslet's memory 0 and globals. */
export interface SnapshotInfo {
  name: string;
  faaslet: number;
  function: string;
  image: ProtoImageInfo;
}

/** Where a Faaslet's memory 0 differs from a snapshot, in 64 KiB pages. */
export interface PageDiff {
  snapshot: string;
  faaslet: number;
  /** Pages in the Faaslet's memory 0 now. */
  totalPages: number;
  /** Indices of the pages that differ, ascending. */
  changed: number[];
}

/** What a stored module imports and exports, as the engine reads it (the build inspector). */
export interface ModuleInterface {
  imports: { module: string; name: string; kind: WebAssembly.ImportExportKind }[];
  exports: { name: string; kind: WebAssembly.ImportExportKind }[];
}

/** Where a module lays out memory 0 (read from its binary; null where it does not say). */
export interface ModuleLayout {
  /** The stack pointer's start: with `--stack-first` the stack is [0, stackTop). */
  stackTop: number | null;
  dataEnd: number | null;
  heapBase: number | null;
}

/**
 * What the page needs to draw one Faaslet's memory live. `memory` is the Faaslet's own memory 0
 * (shared, so the page reads it directly, no copy, no message per frame); `image` is its
 * function's Proto-Faaslet, to show which pages the last call wrote; `tier` is the local tier
 * its shared window maps.
 */
export interface FaasletInspection {
  faaslet: number;
  host: number;
  function: string | null;
  memory: WebAssembly.Memory | null;
  layout: ModuleLayout | null;
  image: ProtoImage | null;
  tier: LocalTier | null;
}

/**
 * One host's local tier of state for one user: its arena's memory and metadata, both shared, so
 * the page reads the live bytes every Faaslet maps (open it with `openLocalTier`).
 */
export interface LocalTier {
  host: number;
  user: string;
  arena: { readonly memory: WebAssembly.Memory; readonly meta: SharedArrayBuffer };
}

/** A key in the global tier (IndexedDB): shared by every host and every tab of the origin. */
export interface GlobalKeyInfo {
  /** The namespaced key, `user/key`. */
  key: string;
  /** Fixed by the first push. */
  size: number;
  /** Bumped by every push. */
  version: number;
  updatedAt: Timestamp;
}

/**
 * push: a host's local value (or its dirty chunks) written to the global tier as a new version.
 * pull: the global value copied into a host's local tier. failed: a push or pull refused, and why.
 * `host` is null for a push made in another tab (told through a BroadcastChannel).
 */
export type GlobalStateChange =
  | {
      kind: 'push' | 'pull';
      key: string;
      version: number;
      /** Bytes moved: the dirty chunks for a partial push, the whole value otherwise. */
      bytes: number;
      size: number;
      host: number | null;
      callId: number | null;
      at: Timestamp;
    }
  | { kind: 'failed'; key: string; host: number; callId: number; message: string; at: Timestamp };

/**
 * What a user's calls hold in memory at one instant, measured by the host agent
 * (cluster/memory-usage.ts). The global tier is not counted: it is IndexedDB, storage.
 */
export interface MemoryUsage {
  at: Timestamp;
  /** Faaslets running or blocked in one of the user's calls. */
  faaslets: number;
  /** Their memory 0's 64 KiB pages that hold data (private memory, private copies included). */
  faasletBytes: number;
  /** The user's state values allocated in the local tier of every host. */
  localTierBytes: number;
  totalBytes: number;
}
