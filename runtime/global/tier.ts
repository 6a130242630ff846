/**
 * The global tier's service in the host agent: serves each Faaslet's push, pull and global lock
 * requests (and appended state's, appended.ts) against the host's state arena (shared memory, so values never travel in messages),
 * the store (IndexedDB) and the Web Locks, and reports every move as a GlobalStateChange.
 */
import { wasi } from '@bjorn3/browser_wasi_shim';
import type { GlobalStateChange } from '../api';
import type { StateArena, StateValue } from '../state';
import { isAppendedRequest, serveAppended, type AppendedStore } from './appended';
import { maskRanges, type ByteRange } from './chunks';
import type { TabChannel, TabMessage } from './broadcast';
import type { GlobalLocks, ReleasedLock } from './locks';
import type { GlobalReply, GlobalRequest } from './protocol';
import type { GlobalKeyInfo, GlobalStore } from './store';
import { pullValue, pushValue } from './values';

export interface GlobalTierOptions {
  store: GlobalStore;
  /** Appended state, one sequence per key for every host (appended.ts). */
  appended: AppendedStore;
  locks: GlobalLocks;
  /** The local tier of `user` on `host` (made when first needed). */
  arenaOf(host: number, user: string): StateArena;
  emit(change: GlobalStateChange): void;
  /** Other tabs of the origin; null where there is no BroadcastChannel. */
  openTabs(heard: (message: TabMessage) => void): TabChannel | null;
}

/** Who asks: the Faaslet's host, the call, and its user. */
export interface Asker {
  host: number;
  callId: number;
  user: string;
}

/** A failure of the store itself: IndexedDB reports its own errors (quota, aborted transaction) as DOMExceptions. */
export function isStoreFailure(error: unknown): error is DOMException {
  return typeof DOMException !== 'undefined' && error instanceof DOMException;
}

/** A failure as the function and the UI see it: IndexedDB's own errors say that nothing was written. */
export function failureMessage(error: unknown): string {
  if (!isStoreFailure(error)) return error instanceof Error ? error.message : String(error);
  const why =
    error.name === 'QuotaExceededError'
      ? "the browser's storage quota for this site is full"
      : `IndexedDB failed (${error.name}: ${error.message})`;
  return `${why}; nothing was written, the global tier is as it was`;
}

/** The errno a push or pull returns when the store fails (WASI's numbering, as wasi-libc's errno.h). */
const storeErrno = (error: DOMException) => (error.name === 'QuotaExceededError' ? wasi.ERRNO_NOSPC : wasi.ERRNO_IO);

export class GlobalTier {
  private readonly tabs: TabChannel | null;
  /** Requests being served, by call id: a killed call's request outlives the call. */
  private readonly serving = new Map<number, number>();
  /** Calls that ended while a request of theirs was served: their pull writes nothing local. */
  private readonly ended = new Set<number>();
  /** Store requests in flight, by call id (see settled). */
  private readonly writes = new Map<number, Set<Promise<unknown>>>();

  constructor(private readonly options: GlobalTierOptions) {
    // Another tab pushed: its value is in the IndexedDB both share; only the news comes here.
    this.tabs = options.openTabs(({ key, version, size, at }) =>
      options.emit({ kind: 'push', key, version, bytes: size, size, host: null, callId: null, at }),
    );
  }

  async serve(asker: Asker, request: GlobalRequest): Promise<GlobalReply> {
    this.serving.set(asker.callId, (this.serving.get(asker.callId) ?? 0) + 1);
    const served = this.serveOne(asker, request);
    // A lock request may wait on another holder for good; the store's work always ends.
    if (request.kind !== 'lock' && request.kind !== 'unlock') this.trackWrite(asker.callId, served);
    try {
      return await served;
    } finally {
      const left = this.serving.get(asker.callId)! - 1;
      if (left > 0) this.serving.set(asker.callId, left);
      else {
        this.serving.delete(asker.callId);
        this.ended.delete(asker.callId);
      }
    }
  }

  private async serveOne(asker: Asker, request: GlobalRequest): Promise<GlobalReply> {
    try {
      if (isAppendedRequest(request)) return await serveAppended(this.options.appended, request);
      if (request.kind === 'push') return { kind: 'done', version: await this.push(asker, request) };
      if (request.kind === 'pull') return { kind: 'done', version: await this.pull(asker, request.key, request.size) };
      if (request.kind === 'lock') {
        await this.options.locks.acquire(asker.callId, request.key, request.mode);
      } else if (!this.options.locks.release(asker.callId, request.key, request.mode)) {
        return { kind: 'refused', message: `this call holds no global ${request.mode} lock on "${request.key}"` };
      }
      return { kind: 'done', version: 0 };
    } catch (error) {
      const message = failureMessage(error);
      this.options.emit({ kind: 'failed', key: request.key, host: asker.host, callId: asker.callId, message, at: Date.now() });
      // Only a push or pull touches the store; any other failure is the request's own fault.
      return (request.kind === 'push' || request.kind === 'pull') && isStoreFailure(error)
        ? { kind: 'store-failed', errno: storeErrno(error), message }
        : { kind: 'refused', message };
    }
  }

  keys(): Promise<GlobalKeyInfo[]> {
    return this.options.store.list();
  }

  private trackWrite(callId: number, served: Promise<unknown>): void {
    const pending = this.writes.get(callId) ?? new Set<Promise<unknown>>();
    this.writes.set(callId, pending);
    const done = served.catch(() => undefined).then(() => {
      pending.delete(done);
      if (pending.size === 0 && this.writes.get(callId) === pending) this.writes.delete(callId);
    });
    pending.add(done);
  }

  /**
   * Once the call's store requests in flight (push, pull, appends) have ended: a killed call's
   * push that had begun commits before its kill is reported, never after.
   */
  async settled(callId: number): Promise<void> {
    const pending = this.writes.get(callId);
    if (pending) await Promise.all([...pending]);
  }

  /** Release the global locks a finished (or killed) call still holds. */
  endCall(callId: number): ReleasedLock[] {
    if (this.serving.has(callId)) this.ended.add(callId);
    return this.options.locks.endCall(callId);
  }

  dispose(): void {
    this.tabs?.close();
    this.options.store.close();
    this.options.appended.close();
  }

  private async push({ host, callId, user }: Asker, request: Extract<GlobalRequest, { kind: 'push' }>): Promise<number> {
    const arena = this.options.arenaOf(host, user);
    const value = arena.require(request.key);
    // Taken and cleared before copying: a write racing the copy flags the value dirty again, so it is not lost.
    const dirty = arena.takeDirty(value);
    // A clean value is not pushed (as in Faasm): the global version stays what it is.
    if (dirty === 'clean') return (await this.options.store.read((tx) => tx.meta(request.key)))?.version ?? 0;
    try {
      const ranges = this.rangesOf(arena, value, request, dirty);
      const { version, bytes } = await pushValue(this.options.store, request.key, arena.bytes(value), ranges);
      arena.syncedAt(value, version);
      this.options.emit({ kind: 'push', key: request.key, version, bytes, size: value.size, host, callId, at: Date.now() });
      this.tabs?.post({ kind: 'pushed', key: request.key, version, size: value.size, at: Date.now() });
      return version;
    } catch (error) {
      // Nothing was written: the value is as dirty as it was.
      arena.markDirty(value, dirty);
      throw error;
    }
  }

  private rangesOf(
    arena: StateArena,
    value: StateValue,
    request: Extract<GlobalRequest, { kind: 'push' }>,
    dirty: 'whole' | ByteRange[],
  ): ByteRange[] | 'whole' {
    if (request.mode !== 'mask') return request.mode === 'whole' ? 'whole' : dirty;
    const mask = arena.require(request.maskKey);
    if (mask.size !== value.size) {
      throw new Error(`mask key "${request.maskKey}" has ${mask.size} bytes; "${request.key}" has ${value.size}`);
    }
    return maskRanges(arena.bytes(mask));
  }

  private async pull({ host, callId, user }: Asker, key: string, size: number): Promise<number> {
    const arena = this.options.arenaOf(host, user);
    const pulled = await pullValue(this.options.store, key);
    // The call was killed while IndexedDB read: its kill is reported, so nothing of it may reach shared memory.
    if (this.ended.has(callId)) return 0;
    if (!pulled) {
      // Nothing to pull: the key reads as zeros, as a missing key does (created if a size was given).
      if (size > 0) arena.ensure(key, size);
      return 0;
    }
    const { info, value: global } = pulled;
    const local = arena.find(key);
    if (size > info.size || (local && local.size !== info.size)) {
      const asked = local ? `this host's value has ${local.size}` : `${size} were asked for`;
      throw new Error(`key "${key}" has ${info.size} bytes in the global tier; ${asked}`);
    }
    const value = arena.ensure(key, info.size);
    arena.bytes(value).set(global);
    // The local copy is the global version now; earlier local writes are overwritten, as in Faasm.
    arena.takeDirty(value);
    arena.syncedAt(value, info.version);
    this.options.emit({ kind: 'pull', key, version: info.version, bytes: info.size, size: info.size, host, callId, at: Date.now() });
    return info.version;
  }
}
