import { describe, expect, it } from 'vitest';
import { assembleWat } from './wat';
import { importMemoryAsShared } from './memory-import';
import { engineHasMultiMemory, wabtValidate } from './test-support/multi-memory';

describe('assembleWat', () => {
  it('assembles a multi-memory, SIMD, atomics module that the engine accepts', async () => {
    const src = `(module
  (import "env" "memory" (memory 1 100 shared))
  (memory $arena 1)
  (func (export "f") (param i32) (result i32)
    (drop (i32x4.splat (local.get 0)))
    (i32.atomic.load (i32.const 0))
    (i32.load $arena (i32.const 0))
    i32.add))`;
    const res = await assembleWat(src);
    expect(res.diagnostics).toEqual([]);
    const out = importMemoryAsShared(res.wasm!);
    await wabtValidate(out);
    if (!engineHasMultiMemory) return; // Node 20's V8: wabt's validation above stands in
    const mod = new WebAssembly.Module(out);
    expect(WebAssembly.Module.exports(mod)).toEqual([{ name: 'f', kind: 'function' }]);
  });

  it('assembles a single-memory module the engine accepts', async () => {
    const res = await assembleWat('(module (memory (export "memory") 1) (func (export "f") (result i32) (i32.atomic.load (i32.const 0))))');
    expect(res.ok).toBe(true);
    const mod = new WebAssembly.Module(importMemoryAsShared(res.wasm!));
    expect(WebAssembly.Module.imports(mod)).toEqual([{ module: 'env', name: 'memory', kind: 'memory' }]);
  });

  it('turns a parse error into a diagnostic on function.wat', async () => {
    const res = await assembleWat('(module\n  (func $f (result i32)\n    i32.const 1\n    i32.bogus))');
    expect(res.ok).toBe(false);
    expect(res.diagnostics[0]).toMatchObject({ file: 'function.wat', line: 4, column: 5, severity: 'error' });
    expect(res.diagnostics[0]?.message).toMatch(/i32\.bogus/);
  });

  it('turns a validation error into a diagnostic', async () => {
    const res = await assembleWat('(module (func (result i32) i32.const 0 drop))');
    expect(res.ok).toBe(false);
    expect(res.diagnostics[0]).toMatchObject({ file: 'function.wat', line: 1, column: 40 });
    expect(res.diagnostics[0]?.message).toMatch(/type mismatch/);
  });
});
