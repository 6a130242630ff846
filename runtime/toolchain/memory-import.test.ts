import { describe, expect, it } from 'vitest';
import { assembleWat } from './wat';
import { MAX_PAGES, importMemoryAsShared, memoryImportOf } from './memory-import';
import { engineHasMultiMemory, wabtValidate } from './test-support/multi-memory';

async function wasm(src: string): Promise<Uint8Array> {
  const res = await assembleWat(src);
  if (!res.wasm) throw new Error(res.log);
  return res.wasm;
}

function memoryImports(bytes: Uint8Array<ArrayBuffer>): string[] {
  const mod = new WebAssembly.Module(bytes);
  return WebAssembly.Module.imports(mod).filter((i) => i.kind === 'memory').map((i) => `${i.module}.${i.name}`);
}

/** Instantiating against a shared memory proves the import is shared with max 32767. */
function instantiate(bytes: Uint8Array<ArrayBuffer>, initial: number, extra: Record<string, WebAssembly.ImportValue> = {}): WebAssembly.Instance {
  const memory = new WebAssembly.Memory({ initial, maximum: MAX_PAGES, shared: true });
  return new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory, ...extra } });
}

describe('importMemoryAsShared', () => {
  it('rewrites an existing memory import (any name) to shared env.memory', async () => {
    const input = await wasm(`(module
  (import "env" "f" (func $f))
  (import "js" "mem" (memory 3))
  (global (import "env" "g") i32)
  (func (export "size") (result i32) memory.size))`);
    const out = importMemoryAsShared(input);
    expect(WebAssembly.validate(out)).toBe(true);
    expect(memoryImports(out)).toEqual(['env.memory']);
    expect(memoryImportOf(input)).toEqual({ module: 'js', name: 'mem', minPages: 3, maxPages: null, shared: false });
    expect(memoryImportOf(out)).toEqual({ module: 'env', name: 'memory', minPages: 3, maxPages: MAX_PAGES, shared: true });
    const inst = instantiate(out, 3, { f: () => {}, g: 1 });
    expect((inst.exports.size as () => number)()).toBe(3);
    expect(() => instantiate(out, 2, { f: () => {}, g: 1 })).toThrow(); // keeps the minimum
  });

  it('moves a defined memory to an import, keeping its export and data', async () => {
    const input = await wasm(`(module
  (memory (export "memory") 2 10)
  (data (i32.const 16) "faasm")
  (func (export "peek") (result i32) (i32.load8_u (i32.const 16))))`);
    const out = importMemoryAsShared(input);
    expect(memoryImports(out)).toEqual(['env.memory']);
    const inst = instantiate(out, 2);
    expect((inst.exports.peek as () => number)()).toBe('f'.charCodeAt(0));
    const exported = inst.exports.memory as WebAssembly.Memory;
    expect(exported.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it('keeps a second defined memory at index 1', async () => {
    const input = await wasm(`(module
  (memory 1) (memory $b 1)
  (func (export "w") (i32.store $b (i32.const 0) (i32.const 7)))
  (func (export "r") (result i32) (i32.load $b (i32.const 0))))`);
    const out = importMemoryAsShared(input);
    await wabtValidate(out);
    if (!engineHasMultiMemory) return; // Node 20: the structural check above is all we can do
    const inst = instantiate(out, 1);
    (inst.exports.w as () => void)();
    expect((inst.exports.r as () => number)()).toBe(7);
  });

  it('adds an imported memory to a module that has none', async () => {
    const input = await wasm('(module (func (export "f")))');
    expect(memoryImportOf(input)).toBeNull();
    const out = importMemoryAsShared(input);
    expect(memoryImports(out)).toEqual(['env.memory']);
    expect(memoryImportOf(out)?.minPages).toBe(1);
    instantiate(out, 1);
  });

  it('adds an import section after the type section when there is none', async () => {
    const out = importMemoryAsShared(await wasm('(module (type (func)) (memory 1) (func (type 0)))'));
    expect(WebAssembly.validate(out)).toBe(true);
    expect(memoryImports(out)).toEqual(['env.memory']);
  });

  it('rejects malformed input with a clear Error', () => {
    expect(() => importMemoryAsShared(new Uint8Array([1, 2, 3]))).toThrow(/invalid wasm module: missing/);
    const truncated = Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 2, 10, 1]);
    expect(() => importMemoryAsShared(truncated)).toThrow(/invalid wasm module: .*past the end/);
    const badImport = Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 2, 5, 1, 0, 0, 9, 0]);
    expect(() => importMemoryAsShared(badImport)).toThrow(/unknown import kind 9/);
    const tooBig = Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 5, 5, 1, 0, 0x80, 0x80, 0x02]);
    expect(() => importMemoryAsShared(tooBig)).toThrow(/32768 pages/);
  });

  it('rejects memory64', async () => {
    const input = await wasm('(module (memory i64 1))').catch(() => null);
    if (input) expect(() => importMemoryAsShared(input)).toThrow(/memory64/);
    const raw = Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 5, 3, 1, 4, 1]);
    expect(() => importMemoryAsShared(raw)).toThrow(/memory64/);
  });
});
