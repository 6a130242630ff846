import { describe, expect, it } from 'vitest';
import type { FunctionSource } from '../api';
import type { BuildOutcome } from '../toolchain';
import { importMemoryAsShared } from '../toolchain/memory-import';
import { transform, UNREWRITTEN } from '../toolchain/transform';
import { assembleWat } from '../toolchain/wat';
import { upload } from './upload';

const source: FunctionSource = { user: 'demo', name: 'spin', language: 'wat', source: '' };
const WAT = `(module (import "env" "memory" (memory 1 32767 shared))
  (func (export "_start") (loop $l (br $l))))`;

async function uploadWat(meter: boolean) {
  const built = await assembleWat(WAT);
  const { wasm } = await transform(importMemoryAsShared(built.wasm!), { rewrite: false, meter });
  const outcome: BuildOutcome = { kind: 'built', ok: true, wasm: wasm as Uint8Array<ArrayBuffer>, diagnostics: [], log: '', compileMs: 1, rewrite: UNREWRITTEN };
  return upload(source, outcome, performance.now(), 4096);
}

describe('upload', () => {
  it('stores a metered module, listing the fuel import among its imports', async () => {
    const { report, stored } = await uploadWat(true);
    expect(report.ok).toBe(true);
    expect(stored).not.toBeNull();
    expect(report.imports).toContain('faaslet.fuel');
  });

  it('refuses a module that is not metered, saying what it lacks', async () => {
    const { report, stored } = await uploadWat(false);
    expect([report.ok, stored]).toEqual([false, null]);
    expect(report.diagnostics.at(-1)!.message).toBe(
      'upload refused: the module is not metered for the CPU-time limit and the memory budget (it lacks the import faaslet.fuel and the import faaslet.grow and the global export __faaslet_fuel_left); build it again with this playground\'s toolchain',
    );
  });
});
