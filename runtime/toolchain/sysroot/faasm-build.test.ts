import { beforeAll, describe, expect, it } from 'vitest';
import * as clangPkg from '@yowasp/clang';
import { createCompiler, type Compiler } from '../clang';

/** Uses what Faasm's toolchain links and every faasm/ header this project provides. */
const CPP_FAASM_BUILD = `#include <faasm/faasm.h>
#include <faasm/array.h>
#include <faasm/compare.h>
#include <faasm/counter.h>
#include <faasm/files.h>
#include <faasm/input.h>
#include <faasm/migrate.h>
#include <faasm/print.h>
#include <faasm/random.h>
#include <faasm/state.h>
#include <faasm/time.h>
#include <pwd.h>
#include <signal.h>
#include <sys/wait.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static void onSignal(int) {}

int main() {
    FAASM_PROF_START(t)
    clock_t c = clock();
    printf("%Lf %d %ld\\n", (long double)1.5, getpid(), (long)c);
    signal(SIGUSR1, onSignal);
    double now = faasm::getSecondsSinceEpoch();
    faasm::AsyncArray<double> arr("arr", 4);
    faasm::AtomicInt counter;
    counter += 1;
    faasm::printArray(&now, 1);
    unsigned int mask[2] = {0, 0};
    faasm::maskDouble(mask, 0);
    long len = faasm::getFileLength("/etc/hosts");
    int status = 1;
    if (waitpid(123, &status, WNOHANG) != 123 || WEXITSTATUS(status) != 0) return 2;
    passwd* user = getpwuid(getuid());
    printf("%s %u\\n", user ? user->pw_name : "none", getgid());
    FAASM_PROF_END(t)
    return len > 0 && getConfFlag("ALWAYS_ON") ? 0 : 1;
}
`;

describe("Faasm's toolchain flags and headers (real compiles in Node)", () => {
  let compiler: Compiler;
  beforeAll(async () => {
    compiler = createCompiler(clangPkg);
    await compiler.prepare();
  }, 120_000);

  it('links clock(), long-double printf, signal() and getpid() as Faasm builds them, with every faasm/ header', async () => {
    const res = await compiler.compile({ language: 'cpp', source: CPP_FAASM_BUILD });
    expect(res.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(res.ok).toBe(true);
    const imports = WebAssembly.Module.imports(new WebAssembly.Module(res.wasm! as Uint8Array<ArrayBuffer>)).map((i) => `${i.module}.${i.name}`);
    expect(imports).toEqual(expect.arrayContaining(['wasi_snapshot_preview1.clock_time_get', 'env.__faasm_conf_flag']));
  }, 120_000);
});
