/**
 * Issue 8's rows in one Faaslet, in Node, built from C with the real in-browser clang: memory
 * until malloc fails, mmap, files across calls, clocks, getrandom, virtual sockets, dlopen.
 * (e2e/host.spec.ts runs the same rows through the UI, across hosts and a reload.)
 */
import * as clangPkg from '@yowasp/clang';
import { beforeAll, describe, expect, it } from 'vitest';
import { createClockWord } from '../host/clock';
import { applyChanges, type FileEntries } from '../host/files/entries';
import { StateArena } from '../state';
import { createCompiler, type Compiler } from '../toolchain/clang';
import { importMemoryAsShared, memoryImportOf } from '../toolchain/memory-import';
import { runFaaslet, type FaasletLink } from './instance';
import type { RunJob } from './protocol';

let compiler: Compiler;
beforeAll(async () => {
  compiler = createCompiler(clangPkg);
  await compiler.prepare();
}, 180_000);

interface Built {
  module: WebAssembly.Module;
  minPages: number;
}

async function build(source: string): Promise<Built> {
  const res = await compiler.compile({ language: 'c', source });
  if (!res.wasm) throw new Error(res.log);
  const wasm = importMemoryAsShared(res.wasm);
  return { module: new WebAssembly.Module(wasm), minPages: memoryImportOf(wasm)?.minPages ?? 1 };
}

const arena = StateArena.create({ initialPages: 1 });
let callId = 0;

async function call({ module, minPages }: Built, extra: Partial<RunJob> = {}, maxPages = 4096) {
  let stdout = '';
  const link: FaasletLink = {
    onOutput: (stream, text) => void (stream === 'stdout' && (stdout += text)),
    post() {},
    answer: () => Promise.reject(new Error('no awaits')),
  };
  const job: RunJob = {
    callId: ++callId,
    functionName: 'alice/rows',
    user: 'alice',
    module,
    memory: new WebAssembly.Memory({ initial: minPages, maximum: maxPages, shared: true }),
    input: new Uint8Array(),
    args: [],
    entry: { kind: 'main' },
    callIds: new Int32Array(new SharedArrayBuffer(4)),
    awaitMode: 'mailbox',
    mailbox: new SharedArrayBuffer(16),
    arena: arena.handle,
    ...extra,
  };
  const { done } = await runFaaslet(job, link, null);
  return { ...done, stdout, text: new TextDecoder().decode(done.output) };
}

describe('the host interface rows (real clang, in Node)', () => {
  it('malloc returns NULL at the memory limit instead of trapping; mmap/munmap work', async () => {
    const module = await build(`#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
static char* volatile kept;
int main(void) {
    char* m = mmap(NULL, 65536, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED) return 3;
    m[65535] = 1;
    if (munmap(m, 65536) != 0) return 4;
    long mib = 0;
    char* block;
    // Each block is kept (volatile): clang may drop a malloc whose result is unused.
    while ((block = malloc(1 << 20))) { block[0] = 1; kept = block; mib++; }
    printf("%ld\\n", mib);
    return 0;
}`);
    const run = await call(module, {}, 256);
    expect([run.trap, run.returnCode, run.stdout]).toEqual([null, 0, expect.any(String)]);
    // 16 MiB of pages, less the stack and data: the loop stopped at the limit.
    expect(Number(run.stdout)).toBeGreaterThan(8);
    expect(Number(run.stdout)).toBeLessThan(16);
  }, 60_000);

  it('files written by one call are read by the next; dlopen fails with a reason; sockets echo; bind is refused', async () => {
    const module = await build(`#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "faasm/faasm.h"
#include "faasm/network.h"
int main(int argc, char* argv[]) {
    char in[32] = {0};
    faasmGetInput((uint8_t*)in, sizeof in - 1);
    if (strcmp(in, "write") == 0) {
        mkdir("data", 0755);
        FILE* f = fopen("/data/note.txt", "w");
        if (!f) { perror("fopen"); return 2; }
        fputs("kept across calls", f);
        fclose(f);
        rename("/data/note.txt", "/data/kept.txt");
        return 0;
    }
    if (strcmp(in, "read") == 0) {
        char buf[64] = {0};
        FILE* f = fopen("data/kept.txt", "r");
        if (!f) { perror("fopen"); return 2; }
        fread(buf, 1, sizeof buf - 1, f);
        fclose(f);
        struct stat st;
        stat("/data/kept.txt", &st);
        DIR* d = opendir("/data");
        struct dirent* e;
        int n = 0;
        while ((e = readdir(d))) if (e->d_name[0] != '.') n++;
        closedir(d);
        printf("%s|%lld|%d|%d\\n", buf, (long long)st.st_size, n, unlink("/data/kept.txt"));
        return 0;
    }
    if (strcmp(in, "misc") == 0) {
        struct timespec a, b;
        clock_gettime(CLOCK_MONOTONIC, &a);
        clock_gettime(CLOCK_MONOTONIC, &b);
        unsigned char r[100000] = {0};
        if (getentropy(r, 256) != 0) return 5;
        long nonzero = 0;
        for (int i = 0; i < 256; i++) nonzero += r[i] != 0;
        void* h = dlopen("libm.so", RTLD_NOW);
        int s = faasmNetConnect("echo");
        send(s, "ping", 4, 0);
        char back[8] = {0};
        long got = recv(s, back, sizeof back, 0);
        int bound = bind(s, NULL, 0);
        int bindErr = errno;
        close(s);
        printf("%d|%ld|%s|%ld|%s|%d|%d|%d\\n", (b.tv_sec > a.tv_sec || (b.tv_sec == a.tv_sec && b.tv_nsec >= a.tv_nsec)),
               nonzero, h ? "loaded" : dlerror(), got, back, bound, bindErr == EPERM, faasmNetConnect("nowhere") < 0 && errno == ECONNREFUSED);
        return 0;
    }
    return 1;
}`);
    const clock = createClockWord();
    let files: FileEntries = new Map();
    const wrote = await call(module, { input: new TextEncoder().encode('write'), files, clock });
    expect(wrote.returnCode).toBe(0);
    expect([...wrote.files!.written.keys()].sort()).toEqual(['data', 'data/kept.txt']);
    files = applyChanges(files, wrote.files!);
    const read = await call(module, { input: new TextEncoder().encode('read'), files, clock });
    expect(read.stdout).toBe('kept across calls|17|1|0\n');
    expect(read.files!.removed).toEqual(['data/kept.txt']);

    const misc = await call(module, { input: new TextEncoder().encode('misc'), clock });
    expect([misc.returnCode, misc.trap?.message, misc.stdout]).toEqual([0, undefined, expect.any(String)]);
    const [monotonic, nonzero, dl, got, back, bound, eperm, refused] = misc.stdout.trim().split('|');
    expect(monotonic).toBe('1');
    expect(Number(nonzero)).toBeGreaterThan(200);
    expect(dl).toMatch(/^dlopen: dynamic linking is not available/);
    expect([got, back]).toEqual(['4', 'ping']);
    expect([bound, eperm, refused]).toEqual(['-1', '1', '1']);
  }, 60_000);
});
