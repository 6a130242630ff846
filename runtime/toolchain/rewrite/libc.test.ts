import { beforeAll, describe, expect, it } from 'vitest';
import * as clangPkg from '@yowasp/clang';
import { createCompiler, type Compiler } from '../clang';
import { importMemoryAsShared } from '../memory-import';
import { wabtValidate } from '../test-support/multi-memory';
import { loadBinaryen } from './binaryen';
import { rewriteWith } from './index';

const C_STATE = `#include <faasm/faasm.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char* argv[]) {
    uint8_t* counts = faasmReadStatePtr("counts", 256);
    char* line = malloc(128);
    snprintf(line, 128, "first=%d half=%.2f", counts[0], counts[1] / 2.0);
    memcpy(counts + 16, line, strlen(line));
    for (int i = 0; i < 256; i++) counts[i]++;
    printf("%s\\n", line);
    free(line);
    return 0;
}
`;

describe('rewrite: a real libc-sized module', () => {
  let compiler: Compiler;
  beforeAll(async () => {
    compiler = createCompiler(clangPkg);
  }, 120_000);

  it('rewrites a printf + malloc program, validates, and reports the pass time', async () => {
    const res = await compiler.compile({ language: 'c', source: C_STATE });
    expect(res.diagnostics).toEqual([]);
    const wasm = importMemoryAsShared(res.wasm!);
    const b = await loadBinaryen();
    const first = rewriteWith(b, wasm);
    const again = rewriteWith(b, wasm);
    expect(first.rewritten).toBe(true);
    expect(first.instrumented).toBeGreaterThan(100);
    expect(first.skipped).toBeGreaterThan(100);
    expect(again.instrumented).toBe(first.instrumented);
    expect(first.versionedLoops).toBeGreaterThan(0);
    expect(first.hoisted).toBeGreaterThanOrEqual(first.versionedLoops);
    await wabtValidate(first.wasm);
    const total = first.instrumented + first.skipped;
    console.info(`libc-sized module: ${(wasm.length / 1024).toFixed(1)} KiB → ${(first.wasm.length / 1024).toFixed(1)} KiB; ` +
      `${first.instrumented} instrumented, ${first.skipped} skipped (${((100 * first.skipped) / total).toFixed(0)}%), ` +
      `${first.hoisted} hoisted out of ${first.versionedLoops} loops; ` +
      `pass ${first.ms.toFixed(0)} ms cold, ${again.ms.toFixed(0)} ms warm`);
  }, 120_000);
});
