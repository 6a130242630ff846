/**
 * Issue 8's rows in one Faaslet, in Node, built from C with the real in-browser clang: memory
 * until malloc fails, mmap, files across calls, clocks, getrandom, virtual sockets, dlopen of a
 * library built as a side module.
 * (e2e/host.spec.ts runs the same rows through the UI, across hosts and a reload.)
 */
import * as clangPkg from '@yowasp/clang';
import { beforeAll, describe, expect, it } from 'vitest';
import { createClockWord } from '../host/clock';
import { applyChanges, DIRECTORY, type FileEntries } from '../host/files/entries';
import { StateArena } from '../state';
import { createCompiler, type Compiler } from '../toolchain/clang';
import { importMemoryAsShared, memoryImportOf } from '../toolchain/memory-import';
import { transform } from '../toolchain/transform';
import { moduleFingerprint, type ProtoImage } from '../proto';
import { exportMutableGlobals } from '../toolchain/export-globals';
import { runFaaslet, type FaasletLink } from './instance';
import { standaloneJob } from './job';
import type { FaasletToHost, RunJob } from './protocol';
import type { HeldInstance } from './start';

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

async function call({ module, minPages }: Built, extra: Partial<RunJob> = {}, maxPages = 4096, held: HeldInstance | null = null) {
  let stdout = '';
  const posted: FaasletToHost[] = [];
  const link: FaasletLink = {
    onOutput: (stream, text) => void (stream === 'stdout' && (stdout += text)),
    post: (message) => void posted.push(message),
    answer: () => Promise.reject(new Error('no awaits')),
  };
  const job = standaloneJob({
    callId: ++callId,
    functionName: 'alice/rows',
    user: 'alice',
    module,
    memory: new WebAssembly.Memory({ initial: minPages, maximum: maxPages, shared: true }),
    arena: arena.handle,
    ...extra,
  });
  const { done, held: kept } = await runFaaslet(job, link, held);
  return { ...done, stdout, text: new TextDecoder().decode(done.output), posted, held: kept };
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

  it('files written by one call are read by the next; sockets echo; bind is refused', async () => {
    const module = await build(`#include <dirent.h>
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
        int s = faasmNetConnect("echo");
        send(s, "ping", 4, 0);
        char back[8] = {0};
        long got = recv(s, back, sizeof back, 0);
        int bound = bind(s, NULL, 0);
        int bindErr = errno;
        close(s);
        printf("%d|%ld|%ld|%s|%d|%d|%d\\n", (b.tv_sec > a.tv_sec || (b.tv_sec == a.tv_sec && b.tv_nsec >= a.tv_nsec)),
               nonzero, got, back, bound, bindErr == EPERM, faasmNetConnect("nowhere") < 0 && errno == ECONNREFUSED);
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
    const [monotonic, nonzero, got, back, bound, eperm, refused] = misc.stdout.trim().split('|');
    expect(monotonic).toBe('1');
    expect(Number(nonzero)).toBeGreaterThan(200);
    expect([got, back]).toEqual(['4', 'ping']);
    expect([bound, eperm, refused]).toEqual(['-1', '1', '1']);
  }, 60_000);
});

const LIBSQUARE_C = `#include <stdio.h>
#include <string.h>
#include "faasm/faasm.h"
int counter = 5;
int* where = &counter;
static int table[4] = {10, 20, 30, 40};
char zeros[8192];
int square(int x) { counter++; return x * x; }
int (*pick(void))(int) { return square; }
int lookup(int i) {
    int sum = table[i & 3];
    for (int k = 0; k < (int)sizeof zeros; k++) sum += zeros[k];
    return sum;
}
int shout(char* out, const char* s) { strcpy(out, s); return (int)strlen(out); }
void greet(const char* who) { printf("hello %s from the library\\n", who); }
static long seen = -1;
__attribute__((constructor)) static void init(void) { seen = faasmGetInputSize(); }
long inputSize(void) { return seen; }
int readAt(const int* p) { return *p; }
`;

const DLOPEN_C = `#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "faasm/faasm.h"
static const char* zygoteError = "none";
static char zygoteText[512];
FAASM_ZYGOTE() {
    if (!dlopen("libsquare.so", RTLD_NOW)) zygoteError = strcpy(zygoteText, dlerror());
    return 0;
}
int main(void) {
    char op[32] = {0};
    faasmGetInput((uint8_t*)op, sizeof op - 1);
    if (strcmp(op, "zygote") == 0) { printf("%s\\n", zygoteError); return 0; }
    if (strncmp(op, "open ", 5) == 0) {
        void* lib = dlopen(op + 5, RTLD_NOW);
        printf("%s\\n", lib ? "loaded" : dlerror());
        return 0;
    }
    // Freed bytes that malloc hands out again (volatile: clang drops the lot otherwise): the library's bss must read as zeros.
    char* volatile junk = malloc(1 << 16);
    memset(junk, 0xff, 1 << 16);
    free(junk);
    void* lib = dlopen("libsquare.so", RTLD_NOW);
    if (!lib) { printf("%s\\n", dlerror()); return 2; }
    void* again = dlopen("/lib/libsquare.so", RTLD_LAZY);
    int (*square)(int) = (int (*)(int))dlsym(lib, "square");
    int (*(*pick)(void))(int) = (int (*(*)(void))(int))dlsym(lib, "pick");
    int (*lookup)(int) = (int (*)(int))dlsym(lib, "lookup");
    int (*shout)(char*, const char*) = (int (*)(char*, const char*))dlsym(lib, "shout");
    void (*greet)(const char*) = (void (*)(const char*))dlsym(lib, "greet");
    long (*inputSize)(void) = (long (*)(void))dlsym(lib, "inputSize");
    int (*readAt)(const int*) = (int (*)(const int*))dlsym(lib, "readAt");
    int* counter = (int*)dlsym(lib, "counter");
    int** where = (int**)dlsym(lib, "where");
    if (strcmp(op, "window") == 0) return readAt((const int*)0x80000010);
    char out[32];
    int n = shout(out, "loud");
    greet("main");
    printf("%d|%d|%d|%d|%d|%d|%s|%d|%ld|%d|", square(7), *counter, pick()(3), *counter, *where == counter, lookup(5), out, n,
           inputSize(), lib == again);
    if (strcmp(op, "stale") == 0) return dlclose(again) + dlclose(lib) + square(2);
    printf("%p|%s|%d|%d|", dlsym(lib, "nothing"), dlerror(), dlclose(again), square(2));
    printf("%d|%p|%s\\n", dlclose(lib), dlsym(lib, "square"), dlerror());
    return 0;
}
`;

const meteredLibrary = async (wasm: Uint8Array) =>
  (await transform(importMemoryAsShared(wasm), { rewrite: false, meter: true })).wasm;

describe('dlopen of a library built as a side module (real clang, in Node)', () => {
  let main: Built;
  let files: FileEntries;
  beforeAll(async () => {
    const lib = await compiler.compile({ language: 'c', source: LIBSQUARE_C, kind: 'library' });
    if (!lib.wasm) throw new Error(lib.log);
    const plain = await compiler.compile({ language: 'c', source: 'int main(void) { return 0; }' });
    const other = await compiler.compile({ language: 'c', source: 'int wanted(void);\nint call(void) { return wanted(); }', kind: 'library' });
    files = new Map<string, Uint8Array | typeof DIRECTORY>([
      ['lib', DIRECTORY],
      // Metered, as the toolchain builds libraries (dlopen refuses one that is not).
      ['lib/libsquare.so', await meteredLibrary(lib.wasm)],
      ['lib/plain.so', plain.wasm!],
      ['lib/other.so', await meteredLibrary(other.wasm!)],
      ['lib/garbage.so', new TextEncoder().encode('not wasm at all')],
    ]);
    main = await build(DLOPEN_C);
  }, 120_000);

  const input = (text: string) => new TextEncoder().encode(text);

  it('calls the library through function pointers, reads its data, shares libc, and counts opens', async () => {
    const run = await call(main, { input: input('run'), files });
    expect([run.trap, run.returnCode]).toEqual([null, 0]);
    const [greeting, results] = run.stdout.split('\n');
    expect(greeting).toBe('hello main from the library');
    expect(results!.split('|')).toEqual([
      '49', '6', '9', '7', // square, counter, square through a pointer the library took of itself, counter
      '1', // `where` was relocated to point at `counter`
      '20', // static data and a zeroed bss
      'loud', '4', // strcpy and strlen are the function's own
      '3', // its constructor ran, and called the function's faasmGetInputSize
      '1', // the same path twice is the same handle
      '0', 'dlsym: /lib/libsquare.so has no symbol "nothing"', // NULL
      '0', '4', // the first dlclose only counts down: pointers stay valid
      '0', '0', 'dlsym: 1 is not a handle dlopen returned (or it was closed)',
    ]);
    // The last dlclose unloads it: its table slots are nulled.
    const stale = await call(main, { input: input('stale'), files });
    expect(stale.trap?.message).toMatch(/null function/);
  });

  it('says why in dlerror() when a library cannot be loaded, and the call carries on', async () => {
    const open = async (path: string) => (await call(main, { input: input(`open ${path}`), files })).stdout.trim();
    expect(await open('nothere.so')).toBe('dlopen: /lib/nothere.so: no such file (a library built in the playground is installed as /lib/<name>.so)');
    expect(await open('other.so')).toMatch(/^dlopen: \/lib\/other\.so needs `wanted`, which neither the function nor the host exports \(a function that calls dlopen exports malloc, calloc/);
    expect(await open('/lib/plain.so')).toBe('dlopen: /lib/plain.so is not a side module (it has no dylink.0 section): build it as a library (clang -fPIC -shared)');
    expect(await open('lib/garbage.so')).toMatch(/^dlopen: \/lib\/garbage\.so is not valid WebAssembly: /);
    expect(await open('../up.so')).toBe('dlopen: "../up.so" is not a path inside the user\'s files');
  });

  it('refuses dlopen in the zygote, and a shared-window pointer traps in the library', async () => {
    const zygote = await call(main, { input: input('zygote'), files });
    expect(zygote.stdout).toBe(
      'dlopen: not available in _faasm_zygote: the Proto-Faaslet image could not hold a library (its instance and table slots); call dlopen from main\n',
    );
    // The library is not rewritten for shared state: the window (≥ 0x80000000) is past memory 0 there.
    const window = await call(main, { input: input('window'), files });
    expect(window.trap?.message).toMatch(/memory access out of bounds/);
  });

  it('a warm Faaslet forgets the last call\'s libraries and hands out their table slots again', async () => {
    const res = await compiler.compile({ language: 'c', source: DLOPEN_C });
    // Mutable globals exported, as every upload has them, so the image can reset them.
    const wasm = exportMutableGlobals(importMemoryAsShared(res.wasm!));
    const built = { module: new WebAssembly.Module(wasm), minPages: memoryImportOf(wasm)!.minPages };
    const fingerprint = await moduleFingerprint(wasm);
    const memory = new WebAssembly.Memory({ initial: built.minPages, maximum: 4096, shared: true });
    let image: ProtoImage | null = null;
    let held: HeldInstance | null = null;
    const runs: { kind: string | null; stdout: string; table: number }[] = [];
    for (let i = 0; i < 3; i++) {
      const start = image ? { kind: 'warm' as const, fingerprint, image } : { kind: 'cold' as const, fingerprint, capture: true };
      const run = await call(built, { input: input('run'), files, memory, start }, 4096, held);
      image ??= run.posted.flatMap((m) => (m.kind === 'proto' ? [m.image] : []))[0] ?? null;
      held = run.held;
      const table = held!.instance.exports.__indirect_function_table as WebAssembly.Table;
      const started = run.posted.find((m) => m.kind === 'started');
      runs.push({ kind: started?.kind === 'started' ? started.startKind : null, stdout: run.stdout, table: table.length });
    }
    expect(runs.map((r) => r.kind)).toEqual(['cold', 'warm', 'warm']);
    // Every call loads the library afresh (counter starts at 5 again) into the same slots.
    expect(new Set(runs.map((r) => r.stdout)).size).toBe(1);
    expect(runs[0]!.stdout).toContain('\n49|6|9|7|');
    expect(runs.map((r) => r.table)).toEqual([runs[0]!.table, runs[0]!.table, runs[0]!.table]);
  });
});
