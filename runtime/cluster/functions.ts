/**
 * The function store: the last good build of each `user/function`, compiled once into a
 * `WebAssembly.Module` that every Faaslet Worker shares.
 */
import type { Language } from '../api';

export interface StoredFunction {
  user: string;
  name: string;
  language: Language;
  wasm: Uint8Array;
  module: WebAssembly.Module;
  /** Memory 0's declared minimum, in 64 KiB pages. */
  minPages: number;
}

export const functionKey = (user: string, name: string) => `${user}/${name}`;

export class FunctionStore {
  private readonly functions = new Map<string, StoredFunction>();

  put(fn: StoredFunction): void {
    this.functions.set(functionKey(fn.user, fn.name), fn);
  }

  get(user: string, name: string): StoredFunction | undefined {
    return this.functions.get(functionKey(user, name));
  }
}
