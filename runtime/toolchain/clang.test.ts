import { beforeAll, describe, expect, it } from 'vitest';
import * as clangPkg from '@yowasp/clang';
import { createCompiler, type Compiler } from './clang';
import { importMemoryAsShared } from './memory-import';
import { runCommand } from './test-support/wasi-stub';

const C_UPPER = `#include <faasm/faasm.h>
#include <stdio.h>
#include <stdlib.h>
#include <ctype.h>

int main(int argc, char* argv[]) {
    long n = faasmGetInputSize();
    uint8_t* buf = malloc(n + 1);
    faasmGetInput(buf, n);
    for (long i = 0; i < n; i++) buf[i] = toupper(buf[i]);
    printf("upper-cased %ld bytes\\n", n);
    faasmSetOutput((const char*)buf, n);
    return 0;
}
`;

const CPP_ECHO = `#include <faasm/faasm.h>
#include <faasm/input.h>
#include <string>

static int constructed = 0;
struct Counter { Counter() { constructed++; } } counter;

FAASM_ZYGOTE() { return constructed == 1 ? 0 : 7; }

int main() {
    std::string in = faasm::getStringInput("none");
    std::string out = in + " ctors=" + std::to_string(constructed);
    faasm::setStringOutput(out.c_str());
    return 0;
}
`;

const names = (m: WebAssembly.Module, kind: 'imports' | 'exports'): string[] =>
  kind === 'imports'
    ? WebAssembly.Module.imports(m).map((i) => `${i.module}.${i.name}`)
    : WebAssembly.Module.exports(m).map((e) => e.name);

describe('clang (real compiles in Node)', () => {
  let compiler: Compiler;
  beforeAll(async () => {
    compiler = createCompiler(clangPkg);
    await compiler.compile({ language: 'c', source: 'int main(void){return 0;}' }); // warm up
  }, 120_000);

  it('builds a Faasm C function that imports only what it uses', async () => {
    const t0 = performance.now();
    const res = await compiler.compile({ language: 'c', source: C_UPPER });
    const ms = performance.now() - t0;
    expect(res.diagnostics).toEqual([]);
    expect(res.ok).toBe(true);
    console.info(`warm C compile at -O2: ${ms.toFixed(0)} ms`);
    const wasm = importMemoryAsShared(res.wasm!);
    const mod = new WebAssembly.Module(wasm);
    const imports = names(mod, 'imports');
    expect(imports).toContain('env.memory');
    expect(imports.filter((i) => i.startsWith('env.__faasm')).sort()).toEqual([
      'env.__faasm_read_input', 'env.__faasm_write_output',
    ]);
    expect(imports.filter((i) => !i.startsWith('env.')).every((i) => i.startsWith('wasi_snapshot_preview1.'))).toBe(true);
    expect(imports).toContain('wasi_snapshot_preview1.fd_write');
    const mem = WebAssembly.Module.imports(mod).find((i) => i.name === 'memory');
    expect(mem?.kind).toBe('memory');
    expect(names(mod, 'exports')).toEqual(expect.arrayContaining([
      '_start', '__wasm_call_ctors', '_faasm_zygote', 'malloc', 'free', '__heap_base', '__data_end',
      '__stack_pointer', '__indirect_function_table', 'memory',
    ]));

    const run = runCommand(mod, new TextEncoder().encode('hello faasm'));
    expect(run.zygote).toBe(0);
    expect(run.exitCode).toBe(0);
    expect(new TextDecoder().decode(run.output)).toBe('HELLO FAASM');
    expect(run.stdout).toBe('upper-cased 11 bytes\n');
    expect(run.memoryShared).toBe(true);
  });

  it('builds C++ with faasm::getStringInput; constructors run once, before the zygote', async () => {
    const res = await compiler.compile({ language: 'cpp', source: CPP_ECHO });
    expect(res.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const mod = new WebAssembly.Module(importMemoryAsShared(res.wasm!));
    const run = runCommand(mod, new TextEncoder().encode('abc'));
    expect(run.zygote).toBe(0);
    expect(run.exitCode).toBe(0);
    expect(new TextDecoder().decode(run.output)).toBe('abc ctors=1');
  });

  it('reports a compile error at its line and column', async () => {
    const res = await compiler.compile({ language: 'c', source: 'int main(void) {\n  return undefined_thing;\n}\n' });
    expect(res.ok).toBe(false);
    expect(res.diagnostics[0]).toMatchObject({ file: 'function.c', line: 2, column: 10, severity: 'error' });
    expect(res.diagnostics[0]?.message).toMatch(/undefined_thing/);
  });

  it('reports an undefined symbol from the linker at its use', async () => {
    const src = 'int helper(int);\nint main(void) {\n  return helper(3);\n}\n';
    const res = await compiler.compile({ language: 'c', source: src });
    expect(res.ok).toBe(false);
    const d = res.diagnostics.find((x) => /undefined symbol: helper/.test(x.message));
    expect(d).toMatchObject({ file: 'function.c', severity: 'error' });
    expect(d?.line).toBeGreaterThanOrEqual(1);
  });
});
