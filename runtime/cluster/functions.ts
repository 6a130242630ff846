/**
 * The function store: the last good build of each `user/function`, compiled once into a
 * `WebAssembly.Module` that every Faaslet shares, and kept in IndexedDB so it survives a reload.
 * A build an earlier version stored without metering is dropped at load, so it is never run
 * past the CPU-time limit: it is not listed, and the page builds it again from its source.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { FunctionInfo, FunctionKind, Language } from '../api';
import { moduleFingerprint } from '../proto';
import { meteringProblem } from '../toolchain';
import { exportMutableGlobals } from '../toolchain/export-globals';

export interface StoredFunction {
  user: string;
  name: string;
  language: Language;
  /** What was built. */
  source: string;
  /** A library is a side module for dlopen, installed in the user's files; it never runs. @default 'function' */
  kind?: FunctionKind;
  wasm: Uint8Array;
  module: WebAssembly.Module;
  /** SHA-256 of `wasm`: the module a Proto-Faaslet image belongs to. */
  fingerprint: string;
  /** Memory 0's declared minimum, in 64 KiB pages. */
  minPages: number;
  builtAt: number;
}

type Persisted = Omit<StoredFunction, 'module' | 'fingerprint'>;

interface FunctionDb extends DBSchema {
  functions: { key: string; value: Persisted };
}

export const functionKey = (user: string, name: string) => `${user}/${name}`;

export class FunctionStore {
  private readonly functions = new Map<string, StoredFunction>();
  private db: Promise<IDBPDatabase<FunctionDb>> | null = null;

  /** Open the IndexedDB store and compile what it holds; without IndexedDB, stay in memory. */
  async load(): Promise<void> {
    if (typeof indexedDB === 'undefined') return;
    this.db = openDB<FunctionDb>('faaslet-playground-functions', 1, {
      upgrade: (db) => db.createObjectStore('functions'),
    });
    const db = await this.db;
    for (const persisted of await db.getAll('functions')) {
      // Builds from before Proto-Faaslets lack the exported globals an image needs (idempotent).
      const wasm = persisted.kind === 'library' ? (persisted.wasm as Uint8Array<ArrayBuffer>) : exportMutableGlobals(persisted.wasm);
      const module = await WebAssembly.compile(wasm);
      if (meteringProblem(module) !== null) {
        await db.delete('functions', functionKey(persisted.user, persisted.name));
        continue;
      }
      const fingerprint = await moduleFingerprint(wasm);
      this.functions.set(functionKey(persisted.user, persisted.name), { ...persisted, wasm, module, fingerprint });
    }
  }

  async put(fn: StoredFunction): Promise<void> {
    this.functions.set(functionKey(fn.user, fn.name), fn);
    const { module: _module, fingerprint: _fingerprint, ...persisted } = fn;
    await (await this.db)?.put('functions', persisted, functionKey(fn.user, fn.name));
  }

  get(user: string, name: string): StoredFunction | undefined {
    return this.functions.get(functionKey(user, name));
  }

  async delete(user: string, name: string): Promise<void> {
    this.functions.delete(functionKey(user, name));
    await (await this.db)?.delete('functions', functionKey(user, name));
  }

  async rename(user: string, from: string, to: string): Promise<void> {
    const fn = this.get(user, from);
    if (!fn) return;
    if (this.get(user, to)) throw new Error(`${user}/${to} exists already`);
    await this.put({ ...fn, name: to });
    await this.delete(user, from);
  }

  list(): FunctionInfo[] {
    return [...this.functions.values()]
      .map(({ user, name, language, kind, source, wasm, builtAt }) => ({
        user,
        name,
        language,
        kind: kind ?? 'function',
        source,
        wasmBytes: wasm.byteLength,
        builtAt,
      }))
      .sort((a, b) => functionKey(a.user, a.name).localeCompare(functionKey(b.user, b.name)));
  }
}
