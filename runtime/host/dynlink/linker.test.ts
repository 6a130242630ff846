/** The loader on hand-written modules: a bump-allocating main module and WAT side modules. */
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamicLinker } from './linker';
import { meteredSideModule, runtimeImports, sideModule, wat, type DylinkSpec } from './side-module.test-support';

const MAIN = (table: string) => `(module
  (import "env" "memory" (memory 1 100 shared))
  (table (export "__indirect_function_table") ${table} funcref)
  (global (export "__stack_pointer") (mut i32) (i32.const 4096))
  (global $heap (mut i32) (i32.const 8193))
  (global $freed (export "freed") (mut i32) (i32.const 0))
  (func (export "malloc") (param i32) (result i32)
    (global.get $heap)
    (global.set $heap (i32.add (global.get $heap) (local.get 0))))
  (func (export "free") (param i32) (global.set $freed (local.get 0)))
  (func (export "twice") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2))))`;

// value (i32 42) at offset 4 of its region; quad calls the function's twice; add is the host's.
const SIDE = `(module
  (import "env" "memory" (memory 0))
  (import "env" "__indirect_function_table" (table 0 funcref))
  (import "env" "__memory_base" (global $mb i32))
  (import "env" "__table_base" (global $tb i32))
  (import "env" "twice" (func $twice (param i32) (result i32)))
  (import "env" "add" (func $add (param i32 i32) (result i32)))
  (import "env" "maybe" (func $maybe (result i32)))
  (import "GOT.func" "quad" (global $quadPtr (mut i32)))
  (import "GOT.mem" "value" (global $valueAddr (mut i32)))
  (import "GOT.func" "twice" (global $twicePtr (mut i32)))
  (global (export "value") i32 (i32.const 4))
  (data (global.get $mb) "\\00\\00\\00\\00\\2a\\00\\00\\00")
  (elem (global.get $tb) func $inner)
  (func $inner (result i32) (i32.const 7))
  (func $quad (export "quad") (param i32) (result i32) (call $add (call $twice (call $twice (local.get 0))) (i32.const 0)))
  (func (export "quadPtr") (result i32) (global.get $quadPtr))
  (func (export "twicePtr") (result i32) (global.get $twicePtr))
  (func (export "valueAddr") (result i32) (global.get $valueAddr))
  (func (export "innerSlot") (result i32) (global.get $tb))
  (func (export "callMaybe") (result i32) (call $maybe)))`;

const SPEC: DylinkSpec = { memorySize: 8, memoryAlign: 4, tableSize: 1, weak: [['env', 'maybe']] };

let side: Uint8Array;
let growable: WebAssembly.Module;
let fixed: WebAssembly.Module;
beforeAll(async () => {
  side = await meteredSideModule(SIDE, SPEC);
  growable = new WebAssembly.Module((await wat(MAIN('2'))) as Uint8Array<ArrayBuffer>);
  fixed = new WebAssembly.Module((await wat(MAIN('2 2'))) as Uint8Array<ArrayBuffer>);
});

function faaslet(main = growable, files: Record<string, Uint8Array> = { 'lib/libside.so': side }) {
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 100, shared: true });
  const host = { env: { memory, add: (a: number, b: number) => a + b }, ...runtimeImports(memory) };
  const instance = new WebAssembly.Instance(main, host);
  const linker = new DynamicLinker({ memory, main: () => instance, hostImports: () => host, readFile: (path) => files[path] ?? null });
  const exports = instance.exports as Record<string, unknown>;
  const table = exports.__indirect_function_table as WebAssembly.Table;
  const i32 = (address: number) => new DataView(memory.buffer).getInt32(address, true);
  const call = (slot: number, ...args: number[]) => (table.get(slot) as (...a: number[]) => number)(...args);
  const fn = (handle: number, name: string) => {
    const slot = linker.symbol(handle, name);
    return (...args: number[]) => call(slot, ...args);
  };
  return { linker, table, i32, call, fn, freed: () => (exports.freed as WebAssembly.Global).value as number };
}

describe('the dynamic linker', () => {
  it('links a side module into the function: its region, GOT, table slots and imports', () => {
    const { linker, table, i32, call, fn } = faaslet();
    const handle = linker.open('libside.so');
    expect([handle, linker.takeError()]).toEqual([1, null]);
    expect(fn(handle, 'quad')(3)).toBe(12);
    const value = linker.symbol(handle, 'value');
    // malloc gave 8193; the region is aligned to 2^4.
    expect(value).toBe(8208 + 4);
    expect(i32(value)).toBe(42);
    // GOT entries: its own data and function, and a function of the main module.
    expect(fn(handle, 'valueAddr')()).toBe(value);
    expect(call(fn(handle, 'quadPtr')(), 5)).toBe(20);
    expect(call(fn(handle, 'twicePtr')(), 5)).toBe(10);
    // Its table region starts past the function's own two slots; its element segment is there.
    expect(fn(handle, 'innerSlot')()).toBe(2);
    expect(call(2)).toBe(7);
    expect(linker.symbol(handle, 'quad')).toBe(linker.symbol(handle, 'quad'));
    expect(table.length).toBeGreaterThan(2);
    expect(() => fn(handle, 'callMaybe')()).toThrow(/weak symbol nothing defines/);
  });

  it('counts opens of one path; the last close frees the region and nulls the slots', () => {
    const { linker, table, freed } = faaslet();
    const handle = linker.open('/lib/libside.so');
    expect(linker.open('lib/./libside.so')).toBe(handle);
    const quad = linker.symbol(handle, 'quad');
    expect(linker.close(handle)).toBe(0);
    expect(table.get(quad)).not.toBeNull();
    expect(linker.close(handle)).toBe(0);
    expect([table.get(quad), table.get(2), freed()]).toEqual([null, null, 8193]);
    expect(linker.close(handle)).toBe(-1);
    expect(linker.takeError()).toBe('dlclose: 1 is not a handle dlopen returned (or it was closed)');
    expect(linker.symbol(0, 'quad')).toBe(0);
    expect(linker.takeError()).toMatch(/^dlsym: a NULL handle \(RTLD_DEFAULT\) is not supported/);
    expect(linker.takeError()).toBeNull();
  });

  it('forgets its libraries at a reset and hands the same slots out again', () => {
    const { linker, table } = faaslet();
    const first = linker.symbol(linker.open('libside.so'), 'quad');
    const length = table.length;
    linker.reset();
    expect(table.get(first)).toBeNull();
    const handle = linker.open('libside.so');
    expect(handle).toBe(1);
    expect(linker.symbol(handle, 'quad')).toBe(first);
    expect(table.length).toBe(length);
  });

  it('fails dlopen with a reason, reserving nothing, when the library cannot be linked', async () => {
    const bad = async (source: string, spec: DylinkSpec | null) => sideModule(source, spec);
    const files = {
      'lib/plain.so': await bad('(module)', null),
      'lib/needs.so': await bad('(module)', { needed: ['libz.so'] }),
      'lib/missing.so': await meteredSideModule('(module (import "env" "memory" (memory 0)) (import "env" "nothere" (func)) (import "GOT.mem" "nodata" (global (mut i32))))', {}),
      'lib/hostdata.so': await meteredSideModule('(module (import "env" "memory" (memory 0)) (import "GOT.func" "add" (global (mut i32))))', {}),
      // An /lib/*.so an earlier version built, before libraries were metered.
      'lib/old.so': await bad(SIDE, SPEC),
      'lib/broken.so': Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0, 3]),
      'lib/libside.so': side,
    };
    const { linker, table } = faaslet(growable, files);
    const length = table.length;
    const error = (path: string | null) => (linker.open(path), linker.takeError());
    expect(error('plain.so')).toBe('dlopen: /lib/plain.so is not a side module (it has no dylink.0 section): build it as a library (clang -fPIC -shared)');
    expect(error('needs.so')).toBe('dlopen: /lib/needs.so needs libz.so: libraries that load other libraries are not supported; build them as one');
    expect(error('missing.so')).toMatch(/^dlopen: \/lib\/missing\.so needs (`nothere`, `nodata`|`nodata`, `nothere`), which neither the function nor the host exports/);
    // A host function has no table slot to point at.
    expect(error('hostdata.so')).toMatch(/^dlopen: \/lib\/hostdata\.so needs `add`/);
    expect(error('old.so')).toBe(
      "dlopen: /lib/old.so is not metered for the CPU-time limit and the memory budget (it lacks the import faaslet.fuel and the import faaslet.grow and the global export __faaslet_fuel_left); build it again with this playground's toolchain",
    );
    expect(error('broken.so')).toMatch(/^dlopen: \/lib\/broken\.so is not valid WebAssembly: /);
    expect(error('nothere.so')).toMatch(/^dlopen: \/lib\/nothere\.so: no such file/);
    expect(error(null)).toBe('dlopen: a NULL path (the function itself) is not supported: dlsym finds the symbols of libraries only');
    expect(table.length).toBe(length);
    linker.refusal = 'not available in _faasm_zygote: …';
    expect(error('libside.so')).toBe('dlopen: not available in _faasm_zygote: …');
  });

  it('fails dlopen, giving the memory back, when the function table cannot grow', () => {
    const { linker, freed } = faaslet(fixed);
    expect(linker.open('libside.so')).toBe(0);
    expect(linker.takeError()).toMatch(/^dlopen: the function's table cannot grow for \/lib\/libside\.so \(.*\): a function that calls dlopen is linked with --growable-table$/);
    expect(freed()).toBe(8193);
  });
});

describe('the dynamic linker, when a library misbehaves', () => {
  it('gives everything back when a constructor traps', async () => {
    const trapping = await meteredSideModule(`(module
      (import "env" "memory" (memory 0))
      (import "env" "__indirect_function_table" (table 0 funcref))
      (func (export "__wasm_call_ctors") unreachable))`, { memorySize: 16, tableSize: 2 });
    const { linker, table, freed } = faaslet(growable, { 'lib/trap.so': trapping });
    expect(linker.open('trap.so')).toBe(0);
    expect(linker.takeError()).toBe('dlopen: __wasm_call_ctors of /lib/trap.so failed: unreachable');
    expect(freed()).toBe(8193);
    expect([table.get(2), table.get(3)]).toEqual([null, null]);
  });
});
