import { describe, expect, it } from 'vitest';
import type { FunctionSource } from '../api';
import { sideModule, type DylinkSpec } from '../host/dynlink/side-module.test-support';
import type { BuildOutcome } from '../toolchain';
import { transform } from '../toolchain/transform';
import { uploadLibrary } from './library-upload';

const source: FunctionSource = { user: 'demo', name: 'libsquare', language: 'c', source: '', kind: 'library' };
const UNREWRITTEN = { rewritten: false, instrumented: 0, skipped: 0, hoisted: 0, versionedLoops: 0, ms: 0 };

/** Uploads a side module, metered as the toolchain meters it unless `meter` is false. */
async function upload(wat: string, spec: DylinkSpec | null, meter = true) {
  const side = await sideModule(wat, spec);
  const wasm = (meter ? (await transform(side, { rewrite: false, meter: true })).wasm : side) as Uint8Array<ArrayBuffer>;
  const outcome: BuildOutcome = { kind: 'built', ok: true, wasm, diagnostics: [], log: '', compileMs: 1, rewrite: UNREWRITTEN };
  return uploadLibrary(source, outcome, performance.now());
}

const SIDE = `(module
  (import "env" "memory" (memory 1))
  (import "env" "printf" (func (param i32 i32) (result i32)))
  (import "env" "__faasm_read_input" (func (param i32 i32) (result i32)))
  (import "GOT.func" "square" (global (mut i32)))
  (func $square (export "square") (param i32) (result i32) (i32.mul (local.get 0) (local.get 0)))
  (func (export "__wasm_call_ctors"))
  (global (export "calls") i32 (i32.const 0)))`;

describe('uploading a library', () => {
  it('refuses a library that is not metered for the CPU-time limit', async () => {
    const { report, stored } = await upload(SIDE, { memorySize: 20, tableSize: 1 }, false);
    expect(stored).toBeNull();
    expect(report.diagnostics.at(-1)!.message).toMatch(/^upload refused: the library is not metered for the CPU-time limit and the memory budget \(it lacks the import faaslet\.fuel and the import faaslet\.grow and the global export __faaslet_fuel_left\)/);
  });

  it('stores a side module as a library and logs what it needs', async () => {
    const { report, stored } = await upload(SIDE, { memorySize: 20, tableSize: 1 });
    expect(report.ok).toBe(true);
    expect(report.log).toBe(
      `shared library: ${report.wasmBytes} bytes, memory 20 bytes, table 1 slots, exports square, calls\n` +
        'installed as /lib/libsquare.so: a function loads it with dlopen("/lib/libsquare.so")',
    );
    expect(stored).toMatchObject({ user: 'demo', name: 'libsquare', kind: 'library', minPages: 1 });
  });

  it('warns about an import no function built here provides', async () => {
    const { report } = await upload('(module (import "env" "sqrt" (func)) (import "GOT.mem" "errno" (global (mut i32))))', {});
    expect(report.ok).toBe(true);
    expect(report.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', message: expect.stringMatching(/^dlopen will refuse it: it needs (`sqrt`, `errno`|`errno`, `sqrt`),/) })]);
  });

  it('refuses a module that is not a side module, or needs other libraries', async () => {
    const plain = await upload('(module)', null, false);
    expect([plain.report.ok, plain.stored]).toEqual([false, null]);
    expect(plain.report.diagnostics[0]!.message).toBe('upload refused: the library has no dylink.0 section, so it is not a side module');
    const needy = await upload('(module)', { needed: ['libz.so'] }, false);
    expect(needy.report.diagnostics[0]!.message).toBe('upload refused: the library needs libz.so; libraries that load other libraries are not supported');
  });
});
