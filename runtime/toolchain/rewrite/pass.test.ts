import { describe, expect, it } from 'vitest';
import { loadBinaryen } from './binaryen';
import { transform } from '../transform';
import { describeRewrite, rewriteWith } from './index';
import { HEAD, rewriteWat, wasmOf } from './test-modules';
import { Script } from './shell-harness';
import { readSections } from '../wasm-binary';

const SP = `(global $__stack_pointer (mut i32) (i32.const 65536))
  (global $table i32 (i32.const 1024))`;

/** A typical wasm-ld prologue/epilogue around accesses through the stack, constants and globals. */
const FRAME = `${SP}
  (func $f (export "f") (param $p i32) (result i32) (local $fp i32) (local $q i32)
    (local.set $fp (i32.sub (global.get $__stack_pointer) (i32.const 16)))
    (global.set $__stack_pointer (local.get $fp))
    (i32.store offset=4 (local.get $fp) (i32.const 1))
    (i32.store (i32.const 100) (i32.const 2))
    (drop (i32.load offset=8 (global.get $table)))
    (drop (i32.load (i32.add (local.get $fp) (i32.const 8))))
    (local.set $q (local.get $fp))
    (loop $l (local.set $q (i32.add (local.get $q) (i32.const 4))) (i32.store8 (local.get $q) (i32.const 0))
      (br_if $l (i32.lt_u (local.get $q) (global.get $__stack_pointer))))
    (global.set $__stack_pointer (i32.add (local.get $fp) (i32.const 16)))
    (i32.load (local.get $p)))`;

const rewriteOnly = (wasm: Uint8Array) => transform(wasm, { rewrite: true, meter: false });

describe('rewrite: the pass', () => {
  it('leaves a module that maps no state byte-for-byte unchanged', async () => {
    const wasm = await wasmOf('(func (export "f") (param i32) (result i32) (i32.load (local.get 0)))', '(import "env" "memory" (memory 1 1 shared))');
    const r = await transform(wasm, { rewrite: true, meter: false });
    expect(r.rewrite).toMatchObject({ rewritten: false, instrumented: 0, skipped: 0 });
    expect(r.wasm).toBe(wasm);
    expect(describeRewrite({ ...r.rewrite, wasm: r.wasm })).toMatch(/not rewritten/);
  });

  it('skips provably private addresses: stack pointer and what derives from it, constants, immutable globals', async () => {
    const r = await rewriteWat(FRAME);
    expect(r.instrumented).toBe(1); // only the load through the parameter
    expect(r.skipped).toBe(5);
    expect(r.wat.match(/\(if/g)?.length).toBe(1);
  });

  it('distrusts the stack pointer when the module sets it to an unknown value', async () => {
    const r = await rewriteWat(FRAME.replace('(global.set $__stack_pointer (local.get $fp))', '(global.set $__stack_pointer (local.get $p))'));
    expect(r.instrumented).toBe(4); // the constant and the immutable global stay skipped
    expect(r.skipped).toBe(2);
  });

  it('sends a constant window address straight to memory 1, with no check', async () => {
    const r = await rewriteWat('(func (export "f") (result i32) (i32.load offset=4 (i32.const 0x80000010)))');
    expect(r.instrumented).toBe(1);
    expect(r.wat).not.toMatch(/\(if/);
    expect(r.wat).toMatch(/i32\.load \$mimport\$1 offset=4\n\s*\(i32\.const 16\)/);
    await new Script(r.wat).poke(1, 0x14, [7]).expect('f', [], '(i32.const 7)').run();
  });

  it('adds env.state as memory 1 (shared, 0..32768 pages), keeps names, a valid module for the browser', async () => {
    const r = await rewriteWat(`(func $my_kernel (export "k") (param i32) (result i32) (i32.load (local.get 0)))`);
    expect(r.wat).toMatch(/\(import "env" "memory" \(memory \$mimport\$0 1 1 shared\)\)\n\s*\(import "env" "state" \(memory \$mimport\$1 0 32768 shared\)\)/);
    expect(r.wat).toMatch(/\(func \$my_kernel/);
    const custom = readSections(r.wasm).filter((s) => s.id === 0);
    expect(custom.some((s) => new TextDecoder().decode(r.wasm.subarray(s.contentStart, s.contentStart + 5)).includes('name'))).toBe(true);
  });

  it('imports memory 0 first when the module defines it', async () => {
    const r = await rewriteWat('(func (export "f") (param i32) (result i32) (i32.load (local.get 0)))',
      '(import "env" "__faasm_read_state_offset_ptr" (func (param i32 i32 i32 i32) (result i32))) (memory 2)');
    expect(r.wat).toMatch(/\(import "env" "memory" \(memory \$mimport\$0 2 32767 shared\)\)/);
    expect(r.instrumented).toBe(1);
  });

  it('describes the first rewritten load for the build inspector', async () => {
    const r = await rewriteWat('(func $get (export "g") (param i32) (result i32) (i32.load16_u offset=2 (local.get 0)))');
    const text = describeRewrite(r);
    expect(text).toMatch(/1 memory instructions routed/);
    expect(r.example?.function).toBe('get');
    expect(r.example?.before).toMatch(/^\(i32\.load16_u \$mimport\$0 offset=2/);
    expect(r.example?.after).toMatch(/i32\.load16_u \$faasm\$state offset=2/);
  });

  it('refuses malformed input and modules with two memories with a clear Error', async () => {
    await expect(rewriteOnly(Uint8Array.from([1, 2, 3]))).rejects.toThrow(/invalid wasm module/);
    const good = await wasmOf('(func (export "f") (param i32) (result i32) (i32.load (local.get 0)))');
    const truncated = good.slice(0, good.length - 3);
    await expect(rewriteOnly(truncated)).rejects.toThrow(/invalid wasm module|not a valid WebAssembly module/);
    const broken = Uint8Array.from(good);
    broken[broken.length - 2] = 0xff; // inside the name section: V8 accepts it, binaryen refuses it
    await expect(rewriteOnly(broken)).rejects.toThrow(/^rewrite: (the input is not a valid|binaryen cannot read)/);
    const code = readSections(good).find((s) => s.id === 10)!;
    const badCode = Uint8Array.from(good);
    badCode[code.end - 2] = 0xfe; // an invalid opcode inside a function body
    await expect(rewriteOnly(badCode)).rejects.toThrow(/rewrite: the input is not a valid WebAssembly module/);
    expect(rewriteWith(b, good).rewritten).toBe(true); // binaryen is still usable
    const two = await wasmOf('(memory 1) (func (export "f") (param i32) (result i32) (i32.load (local.get 0)))', HEAD);
    expect(() => rewriteWith(b, two)).toThrow(/already has 2 memories/);
  });
});

const b = await loadBinaryen();
