import { beforeAll, describe, expect, it } from 'vitest';
import * as clangPkg from '@yowasp/clang';
import { FUEL_GLOBAL_EXPORT } from '../../faaslet/fuel';
import { dylinkOf } from '../../host/dynlink';
import { runBuild } from '../builder';
import { createCompiler, type Compiler } from '../clang';
import { GLOBAL_EXPORT_PREFIX } from '../export-globals';
import { meteringProblem } from '.';

let compiler: Compiler;
beforeAll(async () => {
  compiler = createCompiler(clangPkg);
  await compiler.prepare();
}, 120_000);

const exportsOf = (m: WebAssembly.Module) => WebAssembly.Module.exports(m);

async function build(source: string, kind: 'function' | 'library' = 'function') {
  const out = await runBuild({ language: 'c', source, kind }, async () => compiler);
  if (out.kind !== 'built') throw new Error(out.log);
  return { ...out, module: new WebAssembly.Module(out.wasm as Uint8Array<ArrayBuffer>) };
}

describe('every build is metered', () => {
  it('a C function: metered, its stack pointer saved by Proto-Faaslets (the WAT tests show the fuel global is not)', async () => {
    const { module, log } = await build('#include "faasm/faasm.h"\nint main(void) { for (volatile int i = 0; i < 10; i++); return 0; }\n');
    expect(meteringProblem(module)).toBeNull();
    expect(log).toMatch(/metered for the CPU-time limit: \d+ function entries and \d+ loop headers charge fuel/);
    const fuel = exportsOf(module).filter((e) => e.kind === 'global');
    expect(fuel.map((e) => e.name)).toContain(FUEL_GLOBAL_EXPORT);
    const saved = fuel.filter((e) => e.name.startsWith(GLOBAL_EXPORT_PREFIX));
    expect(saved.length).toBeGreaterThan(0);
  });

  it('a library: metered, still a side module', async () => {
    const { module } = await build('int square(int x) { int s = 0; for (int i = 0; i < x; i++) s += x; return s; }\n', 'library');
    expect(meteringProblem(module)).toBeNull();
    expect(dylinkOf(module)).not.toBeNull();
    expect(exportsOf(module).some((e) => e.name.startsWith(GLOBAL_EXPORT_PREFIX))).toBe(false);
  });
});
