import { describe, expect, it } from 'vitest';
import { assembleWat } from './wat';
import { GLOBAL_EXPORT_PREFIX, exportMutableGlobals } from './export-globals';

async function wasm(src: string): Promise<Uint8Array> {
  const res = await assembleWat(src);
  if (!res.wasm) throw new Error(res.log);
  return res.wasm;
}

const exportsOf = (bytes: Uint8Array<ArrayBuffer>) =>
  WebAssembly.Module.exports(new WebAssembly.Module(bytes)).map((e) => `${e.kind}:${e.name}`);

describe('exportMutableGlobals', () => {
  it('exports every mutable numeric global under its index, after imported globals', async () => {
    const out = exportMutableGlobals(await wasm(`(module
  (global $imp (import "env" "g") i32)
  (global $sp (mut i32) (i32.const 4096))
  (global $k i32 (i32.const 7))
  (global $big (mut i64) (i64.const -5))
  (global $f (mut f64) (f64.const 1.5))
  (global $v (mut v128) (v128.const i32x4 0 0 0 0))
  (global $e (mut i32) (global.get $imp))
  (func (export "bump") (global.set $sp (i32.add (global.get $sp) (i32.const 1)))))`));
    expect(exportsOf(out)).toEqual([
      'function:bump',
      `global:${GLOBAL_EXPORT_PREFIX}1`,
      `global:${GLOBAL_EXPORT_PREFIX}3`,
      `global:${GLOBAL_EXPORT_PREFIX}4`,
      `global:${GLOBAL_EXPORT_PREFIX}6`,
    ]);
    const inst = new WebAssembly.Instance(new WebAssembly.Module(out), { env: { g: 10 } });
    const sp = inst.exports[`${GLOBAL_EXPORT_PREFIX}1`] as WebAssembly.Global;
    (inst.exports.bump as () => void)();
    expect(sp.value).toBe(4097);
    sp.value = 100; // writable from JS: restore resets it
    expect(sp.value).toBe(100);
    expect((inst.exports[`${GLOBAL_EXPORT_PREFIX}3`] as WebAssembly.Global).value).toBe(-5n);
    expect((inst.exports[`${GLOBAL_EXPORT_PREFIX}6`] as WebAssembly.Global).value).toBe(10);
  });

  it('adds an export section where there was none, in canonical order', async () => {
    const out = exportMutableGlobals(await wasm(`(module (memory 1) (global (mut i32) (i32.const 0)) (start $s) (func $s) (data (i32.const 0) "x"))`));
    expect(exportsOf(out)).toEqual([`global:${GLOBAL_EXPORT_PREFIX}0`]);
  });

  it('is idempotent and leaves modules without mutable globals as they were', async () => {
    const input = await wasm(`(module (global (mut i32) (i32.const 0)) (func (export "f")))`);
    const once = exportMutableGlobals(input);
    expect(exportMutableGlobals(once)).toEqual(once);
    const plain = await wasm(`(module (global i32 (i32.const 0)) (func (export "f")))`);
    expect(exportMutableGlobals(plain)).toEqual(plain);
  });
});
