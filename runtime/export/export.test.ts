/** The export build, for real, in Node's clang: what comes out must be what Faasm's runtime takes. */
import { beforeAll, describe, expect, it } from 'vitest';
import * as clangPkg from '@yowasp/clang';
import { createFaasmBuilder, type FaasmBuilder } from './build';
import { FAASM_HOST_CALLS, FAASM_REQUIRED_EXPORTS } from './check';
import { exportForFaasm } from './export';

const STATEFUL_CPP = `#include <faasm/faasm.h>
#include <faasm/input.h>
#include <cstdio>
#include <ctime>
#include <string>

int main(int argc, char* argv[]) {
    uint8_t* counter = faasmReadStatePtr("counter", 4);
    counter[0]++;
    faasmFlagStateDirty("counter", 4);
    faasmPushState("counter");
    std::string in = faasm::getStringInput("none");
    printf("%Lf argc=%d clock=%ld\\n", (long double)1.5, argc, (long)clock());
    faasm::setStringOutput(in.c_str());
    return 0;
}
`;

const GLOBAL_LOCK_C = `#include <faasm/faasm.h>
int main(void) {
    faasmLockStateGlobalRead("k");
    faasmUnlockStateGlobalRead("k");
    return 0;
}
`;

describe('Export for Faasm (real builds in Node)', () => {
  let builder: FaasmBuilder;
  beforeAll(() => {
    builder = createFaasmBuilder(clangPkg);
  });

  it("imports only Faasm's host calls and WASI, and exports what Faasm's runtime looks up", async () => {
    const exported = await exportForFaasm(builder, { language: 'cpp', source: STATEFUL_CPP });
    expect(exported.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(exported.problems).toEqual([]);
    expect(exported.ok).toBe(true);
    const module = new WebAssembly.Module(exported.wasm! as Uint8Array<ArrayBuffer>);
    const imports = WebAssembly.Module.imports(module);
    const exports = WebAssembly.Module.exports(module).map((e) => e.name);
    for (const i of imports) {
      expect(i.kind, `${i.module}.${i.name}`).toBe('function');
      if (i.module === 'env') expect(FAASM_HOST_CALLS.has(i.name), i.name).toBe(true);
      else expect(i.module).toBe('wasi_snapshot_preview1');
    }
    // What the playground's own build adds must not be there.
    expect(imports.some((i) => i.module === 'faaslet' || i.name === 'state' || i.name === 'memory')).toBe(false);
    expect(exports.filter((name) => name.startsWith('__faasm_global_'))).toEqual([]);
    for (const name of FAASM_REQUIRED_EXPORTS) expect(exports).toContain(name);
    // The function's own state calls are there, and Faasm's clocks emulation is linked.
    expect(imports.map((i) => i.name)).toEqual(expect.arrayContaining(['__faasm_read_state_ptr', '__faasm_push_state', 'clock_time_get']));
    // It defines and exports its own memory.
    expect(WebAssembly.Module.exports(module).find((e) => e.name === 'memory')?.kind).toBe('memory');
    expect(exported.commands[0]).toMatch(/^clang\+\+ .*-O3 .*-Wl,--no-gc-sections .*-Wl,--stack-first .*-lwasi-emulated-process-clocks/);
  }, 240_000);

  it('says clearly when a function uses something Faasm lacks', async () => {
    const exported = await exportForFaasm(builder, { language: 'c', source: GLOBAL_LOCK_C });
    expect(exported.ok).toBe(false);
    expect(exported.wasm).toBeNull();
    expect(exported.problems).toEqual([
      { name: 'faasmLockStateGlobalRead', why: expect.stringMatching(/global locks/) },
      { name: 'faasmUnlockStateGlobalRead', why: expect.stringMatching(/global locks/) },
    ]);
  }, 240_000);
});
