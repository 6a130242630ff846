/** Test-only: WAT sources for the rewrite tests, and a helper that assembles + rewrites them. */
import { assembleWat } from '../wat';
import { wabtValidate } from '../test-support/multi-memory';
import { loadBinaryen } from './binaryen';
import { type RewriteResult, rewriteWith } from './index';

export const HEAD = `(import "env" "memory" (memory 1 1 shared))
  (import "env" "__faasm_read_state_ptr" (func $state_ptr (param i32 i32) (result i32)))`;

export async function wasmOf(body: string, head = HEAD): Promise<Uint8Array> {
  const w = await assembleWat(`(module ${head}\n${body})`);
  if (!w.wasm) throw new Error(w.log);
  return w.wasm;
}

/** Assembles, rewrites, validates the output with wabt; returns the result and its text. */
export async function rewriteWat(body: string, head = HEAD): Promise<RewriteResult & { wat: string }> {
  const b = await loadBinaryen();
  const r = rewriteWith(b, await wasmOf(body, head));
  await wabtValidate(r.wasm);
  const m = b.readBinary(r.wasm);
  try { return { ...r, wat: m.emitText() }; } finally { m.dispose(); }
}

/** [name, result type, instruction, expected for bytes 0x81 0x82 … at the effective address]. */
export const LOADS: Array<[string, string, string, string]> = [
  ['i32_load', 'i32', 'i32.load', 'i32.const 0x84838281'],
  ['i32_load8_s', 'i32', 'i32.load8_s', 'i32.const 0xffffff81'],
  ['i32_load8_u', 'i32', 'i32.load8_u', 'i32.const 0x81'],
  ['i32_load16_s', 'i32', 'i32.load16_s', 'i32.const 0xffff8281'],
  ['i32_load16_u', 'i32', 'i32.load16_u', 'i32.const 0x8281'],
  ['i64_load', 'i64', 'i64.load', 'i64.const 0x8887868584838281'],
  ['i64_load8_s', 'i64', 'i64.load8_s', 'i64.const 0xffffffffffffff81'],
  ['i64_load8_u', 'i64', 'i64.load8_u', 'i64.const 0x81'],
  ['i64_load16_s', 'i64', 'i64.load16_s', 'i64.const 0xffffffffffff8281'],
  ['i64_load16_u', 'i64', 'i64.load16_u', 'i64.const 0x8281'],
  ['i64_load32_s', 'i64', 'i64.load32_s', 'i64.const 0xffffffff84838281'],
  ['i64_load32_u', 'i64', 'i64.load32_u', 'i64.const 0x84838281'],
  // Floats and vectors come back as bits so NaN patterns cannot confuse the comparison.
  ['f32_load', 'i32', 'f32.load', 'i32.const 0x84838281'],
  ['f64_load', 'i64', 'f64.load', 'i64.const 0x8887868584838281'],
  ['v128_load', 'i64', 'v128.load', 'i64.const 0x908f8e8d8c8b8a89'],
  ['v128_load8_splat', 'i32', 'v128.load8_splat', 'i32.const 0x81818181'],
  ['v128_load16x4_s', 'i32', 'v128.load16x4_s', 'i32.const 0xffff8281'],
  ['v128_load32_zero', 'i32', 'v128.load32_zero', 'i32.const 0x84838281'],
  ['v128_load8_lane', 'i32', 'v128.load8_lane', 'i32.const 0x81000000'],
];

function loadFn([name, type, instr]: (typeof LOADS)[number]): string {
  const load = (a: string): string => {
    if (instr === 'v128.load8_lane') return `(v128.load8_lane offset=5 3 ${a} (v128.const i64x2 0 0))`;
    return `(${instr} offset=5 ${a})`;
  };
  const get = '(local.get $a)';
  const wrap = instr === 'f32.load' ? `(i32.reinterpret_f32 ${load(get)})`
    : instr === 'f64.load' ? `(i64.reinterpret_f64 ${load(get)})`
    : instr === 'v128.load' ? `(i64x2.extract_lane 1 ${load(get)})`
    : instr.startsWith('v128.') ? `(i32x4.extract_lane 0 ${load(get)})`
    : load(get);
  return `(func (export "${name}") (param $a i32) (result ${type}) ${wrap})`;
}

/** [name, value type, instruction, bytes written at offset 3 for value 0x0807060504030201]. */
export const STORES: Array<[string, string, number]> = [
  ['i32.store', 'i32', 4], ['i32.store8', 'i32', 1], ['i32.store16', 'i32', 2],
  ['i64.store', 'i64', 8], ['i64.store8', 'i64', 1], ['i64.store16', 'i64', 2], ['i64.store32', 'i64', 4],
  ['f32.store', 'i32', 4], ['f64.store', 'i64', 8], ['v128.store', 'i64', 16], ['v128.store16_lane', 'i64', 2],
];

function storeFn([instr, type]: (typeof STORES)[number]): string {
  const v = instr === 'f32.store' ? '(f32.reinterpret_i32 (local.get $v))'
    : instr === 'f64.store' ? '(f64.reinterpret_i64 (local.get $v))'
    : instr.startsWith('v128') ? '(i64x2.splat (local.get $v))'
    : '(local.get $v)';
  const op = instr === 'v128.store16_lane' ? 'v128.store16_lane offset=3 1' : `${instr} offset=3`;
  return `(func (export "${instr}") (param $a i32) (param $v ${type}) (${op} (local.get $a) ${v}))`;
}

export const ACCESS_MODULE = [
  ...LOADS.map(loadFn),
  ...STORES.map(storeFn),
  `(func (export "copy") (param $d i32) (param $s i32) (param $n i32) (memory.copy (local.get $d) (local.get $s) (local.get $n)))`,
  `(func (export "fill") (param $d i32) (param $v i32) (param $n i32) (memory.fill (local.get $d) (local.get $v) (local.get $n)))`,
  `(func (export "rmw_add") (param $a i32) (param $v i32) (result i32) (i32.atomic.rmw.add offset=4 (local.get $a) (local.get $v)))`,
  `(func (export "rmw8_xchg") (param $a i32) (param $v i64) (result i64) (i64.atomic.rmw8.xchg_u offset=8 (local.get $a) (local.get $v)))`,
  `(func (export "cmpxchg") (param $a i32) (param $e i32) (param $r i32) (result i32) (i32.atomic.rmw.cmpxchg offset=4 (local.get $a) (local.get $e) (local.get $r)))`,
  `(func (export "atomic_load") (param $a i32) (result i32) (i32.atomic.load offset=4 (local.get $a)))`,
  `(func (export "atomic_store16") (param $a i32) (param $v i64) (i64.atomic.store16 offset=12 (local.get $a) (local.get $v)))`,
  `(func (export "notify") (param $a i32) (result i32) (memory.atomic.notify offset=4 (local.get $a) (i32.const 1)))`,
  `(func (export "wait") (param $a i32) (param $e i32) (result i32) (memory.atomic.wait32 offset=4 (local.get $a) (local.get $e) (i64.const 0)))`,
  // A store whose value operand is itself a rewritten load: the temps must not collide.
  `(func (export "move") (param $d i32) (param $s i32) (i32.store offset=1 (local.get $d) (i32.load offset=2 (local.get $s))))`,
].join('\n');
