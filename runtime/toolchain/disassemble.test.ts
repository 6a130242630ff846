import { describe, expect, it } from 'vitest';
import { disassembleWasm } from './disassemble';
import { importMemoryAsShared } from './memory-import';
import { assembleWat } from './wat';

describe('disassembleWasm', () => {
  it('prints a multi-memory module with shared memory 0 and its imports as WAT', async () => {
    const built = await assembleWat(`(module
  (import "env" "__faasm_read_input" (func $read_input (param i32 i32) (result i32)))
  (import "env" "state" (memory 1 10 shared))
  (memory (export "memory") 1)
  (func $main (export "_start") (result i32)
    (i32.load 1 (i32.const 0))))`);
    const text = await disassembleWasm(importMemoryAsShared(built.wasm!));
    expect(text).toMatch(/^\(module/);
    expect(text).toContain('(import "env" "__faasm_read_input" (func $read_input');
    expect(text).toContain('(func $main');
    expect(text).toMatch(/\(import "env" "memory" \(memory .* shared\)\)/);
  });

  it('rejects bytes that are not a module', async () => {
    await expect(disassembleWasm(new Uint8Array([1, 2, 3, 4]))).rejects.toThrow();
  });
});
