/**
 * Issue 8, the rest of the host interface, one C function per row, built and run in the UI:
 * memory, files, time, randomness, network and dynamic linking (a library built here, dlopened).
 */
import { expect, test } from './fixtures';

const MEMORY_C = `#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include "faasm/faasm.h"

/* volatile: clang may drop a malloc whose result is never used. */
static char* volatile kept;

int main(void) {
    char* mapped = mmap(NULL, 1 << 16, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mapped == MAP_FAILED) return 2;
    mapped[100] = 1;
    munmap(mapped, 1 << 16);
    long mib = 0;
    char* block;
    while ((block = malloc(1 << 20))) { block[0] = 1; kept = block; mib++; }
    char out[64];
    int n = snprintf(out, sizeof out, "malloc returned NULL after %ld MiB", mib);
    faasmSetOutput(out, n);
    return 0;
}
`;

const FILES_C = `#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "faasm/faasm.h"

int main(void) {
    char op[16] = {0}, out[128];
    faasmGetInput((uint8_t*)op, sizeof op - 1);
    if (strcmp(op, "write") == 0) {
        mkdir("notes", 0755);
        FILE* f = fopen("/notes/draft.txt", "w");
        if (!f) { perror("fopen"); return 2; }
        long n = fprintf(f, "kept across calls");
        fclose(f);
        rename("/notes/draft.txt", "/notes/kept.txt");
        snprintf(out, sizeof out, "wrote %ld bytes", n);
    } else {
        FILE* f = fopen("/notes/kept.txt", "r");
        if (!f) { perror("fopen"); return 3; }
        size_t n = fread(out, 1, sizeof out - 1, f);
        out[n] = 0;
        fclose(f);
    }
    faasmSetOutput(out, strlen(out));
    return 0;
}
`;

const PEEK_C = `#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "faasm/faasm.h"

int main(void) {
    const char* paths[] = { "/notes/kept.txt", "../alice/notes/kept.txt", "/../../notes/kept.txt" };
    char out[256] = {0};
    for (int i = 0; i < 3; i++) {
        FILE* f = fopen(paths[i], "r");
        snprintf(out + strlen(out), sizeof out - strlen(out), "%s: %s; ", paths[i], f ? "OPENED" : strerror(errno));
        if (f) fclose(f);
    }
    faasmSetOutput(out, strlen(out));
    return 0;
}
`;

const CLOCK_C = `#include <stdio.h>
#include <time.h>
#include "faasm/faasm.h"

static long long now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}
/* Busy 300 ms, so the 8 children overlap, fill host 0's slots and spill to host 1. */
int child(void) {
    long long start = now();
    while (now() - start < 300000000LL) {}
    char out[64];
    faasmSetOutput(out, snprintf(out, sizeof out, "%lld %lld", start, now()));
    return 0;
}
int main(void) {
    long long before = now(), seen[8][2];
    unsigned int ids[8];
    for (int i = 0; i < 8; i++) ids[i] = faasmChain(child, NULL, 0);
    for (int i = 0; i < 8; i++) {
        char *out = NULL, text[64] = {0};
        int len = 0;
        faasmAwaitCallOutput(ids[i], &out, &len);
        snprintf(text, sizeof text, "%.*s", len, out);
        sscanf(text, "%lld %lld", &seen[i][0], &seen[i][1]);
    }
    long long after = now();
    int backwards = 0;
    for (int i = 0; i < 8; i++) backwards += seen[i][0] < before || seen[i][1] < seen[i][0] || after < seen[i][1];
    char out[64];
    faasmSetOutput(out, snprintf(out, sizeof out, "monotonic across 8 calls: %s", backwards ? "NO" : "yes"));
    return 0;
}
`;

const RANDOM_C = `#include <stdio.h>
#include <sys/random.h>
#include <wasi/api.h>
#include "faasm/faasm.h"

#define SIZE 200000
static unsigned char big[SIZE];

int main(void) {
    /* WASI random_get, any size: the host fills it in 64 KiB chunks (crypto.getRandomValues' limit). */
    if (__wasi_random_get(big, SIZE) != 0) return 2;
    /* POSIX getentropy: at most 256 bytes a call (wasi-libc has no getrandom). */
    unsigned char small[256] = {0};
    if (getentropy(small, sizeof small) != 0) return 3;
    long counts[256] = {0};
    for (long i = 0; i < SIZE; i++) counts[big[i]]++;
    int seen = 0, smallZeros = 0;
    for (int b = 0; b < 256; b++) seen += counts[b] > 0;
    for (int i = 0; i < 256; i++) smallZeros += small[i] == 0;
    char out[96];
    int filled = counts[0] < 2000 && smallZeros < 16;
    faasmSetOutput(out, snprintf(out, sizeof out, "%d byte values seen, %s", seen, filled ? "filled" : "mostly zero"));
    return 0;
}
`;

const NETWORK_C = `#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "faasm/faasm.h"
#include "faasm/network.h"

int main(void) {
    char out[256] = {0}, back[32] = {0}, http[16] = {0};
    int s = faasmNetConnect("echo");
    if (s < 0) { perror("connect"); return 2; }
    send(s, "hello faaslet", 13, 0);
    recv(s, back, sizeof back - 1, 0);
    int bound = bind(s, NULL, 0);
    const char* bindError = strerror(errno);
    close(s);

    int h = faasmNetConnect("http");
    const char* request = "GET /index.html HTTP/1.1\\r\\nHost: playground\\r\\n\\r\\n";
    write(h, request, strlen(request));
    read(h, http, 12);
    close(h);

    snprintf(out, sizeof out, "echo: %s; bind: %d %s; http: %s", back, bound, bindError, http);
    faasmSetOutput(out, strlen(out));
    return 0;
}
`;

const LIBSQUARE_C = `#include <stdio.h>

int calls = 0;

int square(int x)
{
    calls++;
    return x * x;
}

void label(char* out, int size, int x)
{
    snprintf(out, size, "square(%d) = %d", x, square(x));
}
`;

const DLOPEN_C = `#include <dlfcn.h>
#include <stdio.h>
#include <string.h>
#include "faasm/faasm.h"

int main(void) {
    void* missing = dlopen("libnothere.so", RTLD_NOW);
    char why[256];
    snprintf(why, sizeof why, "%s", missing ? "loaded?" : dlerror());

    void* lib = dlopen("/lib/libsquare.so", RTLD_NOW);
    if (!lib) {
        const char* error = dlerror();
        faasmSetOutput(error, strlen(error));
        return 1;
    }
    int (*square)(int) = (int (*)(int))dlsym(lib, "square");
    void (*label)(char*, int, int) = (void (*)(char*, int, int))dlsym(lib, "label");
    int* calls = (int*)dlsym(lib, "calls");
    int squared = square(12);
    char text[64];
    label(text, sizeof text, 5);
    char out[512];
    int n = snprintf(out, sizeof out, "%d; %s; calls %d; missing: %s", squared, text, *calls, why);
    faasmSetOutput(out, n);
    return dlclose(lib);
}
`;

test('malloc until failure gets NULL at the Faaslet memory limit; the page carries on', async ({ playground }) => {
  await playground.open();
  await playground.createFunction('hostrows/membomb', MEMORY_C);
  await playground.run();
  await playground.expectStatus(/ok/i);
  const text = await playground.output('output.text').textContent();
  const mib = Number(/after (\d+) MiB/.exec(text ?? '')?.[1]);
  // 256 MiB limit, less the 4 MiB stack, data and allocator overhead.
  expect(mib).toBeGreaterThan(240);
  expect(mib).toBeLessThan(256);
  await playground.page.getByTestId('output.tab.log').click();
  await expect(playground.output('build.log')).toContainText('memory limit: 4096 pages (256 MiB) per Faaslet');
  await playground.page.getByTestId('output.tab.output').click();
  // The page and the runtime are fine: the next call runs too.
  await playground.run();
  await playground.expectStatus(/ok/i);
  await expect(playground.output('output.text')).toContainText('malloc returned NULL');
});

test('a file written by one call is read by the next, survives a reload, and is not another user’s', async ({ playground }) => {
  const { page } = playground;
  await playground.open();
  await playground.createFunction('alice/files', FILES_C);
  await playground.setInput('write');
  await playground.run();
  await playground.expectStatus(/ok/i);
  await expect(playground.output('output.text')).toHaveText('wrote 17 bytes');
  await playground.setInput('read');
  await playground.run();
  await playground.expectStatus(/ok/i);
  await expect(playground.output('output.text')).toHaveText('kept across calls');
  await page.getByTestId('output.tab.files').click();
  await expect(page.locator('[data-testid="files.item"][data-path="notes/kept.txt"]')).toBeVisible();

  await page.reload();
  await expect(page.getByTestId('build.button')).toBeVisible();
  await playground.selectFunction('alice/files');
  await page.getByTestId('output.tab.files').click();
  await expect(page.locator('[data-testid="files.item"][data-path="notes/kept.txt"]')).toBeVisible();
  await page.getByTestId('output.tab.output').click();
  await playground.setInput('read');
  await playground.run();
  await playground.expectStatus(/ok/i);
  await expect(playground.output('output.text')).toHaveText('kept across calls');

  await playground.createFunction('bob/peek', PEEK_C);
  await playground.run();
  await playground.expectStatus(/ok/i);
  const peek = playground.output('output.text');
  await expect(peek).toContainText('/notes/kept.txt: No such file or directory');
  await expect(peek).not.toContainText('OPENED');
});

test('the monotonic clock never goes backwards across Faaslets on two hosts', async ({ playground }) => {
  await playground.open();
  await playground.createFunction('hostrows/clock', CLOCK_C);
  await playground.run();
  await playground.expectStatus(/ok/i);
  await expect(playground.output('output.text')).toHaveText('monotonic across 8 calls: yes');
  await playground.showCalls();
  const children = playground.callNodes().filter({ hasText: 'clock' });
  await expect(children).toHaveCount(9);
  await expect(children.filter({ hasText: 'h1·' }).first()).toBeVisible();
  await expect(children.filter({ hasText: 'h0·' }).first()).toBeVisible();
});

test('random_get and getentropy fill buffers, one larger than a crypto.getRandomValues call', async ({ playground }) => {
  await playground.open();
  await playground.createFunction('hostrows/random', RANDOM_C);
  await playground.run();
  await playground.expectStatus(/ok/i);
  await expect(playground.output('output.text')).toHaveText('256 byte values seen, filled');
});

test('a socket to the echo endpoint gets its bytes back; bind is refused; http goes through the page', async ({ playground }) => {
  await playground.open();
  await playground.createFunction('hostrows/net', NETWORK_C);
  await playground.run();
  await playground.expectStatus(/ok/i);
  await expect(playground.output('output.text')).toHaveText(
    'echo: hello faaslet; bind: -1 Operation not permitted; http: HTTP/1.1 200',
  );
});

test('a library built in the UI is dlopened by a function, which calls it through dlsym pointers', async ({ playground }) => {
  const { page } = playground;
  await playground.open();
  await playground.createFunction('hostrows/libsquare', LIBSQUARE_C, 'library');
  await expect(playground.functionItem('hostrows/libsquare').getByTestId('functions.library')).toBeVisible();
  await playground.build();
  await page.getByTestId('output.tab.log').click();
  await expect(playground.output('build.log')).toContainText(/shared library: \d+ bytes, memory \d+ bytes, table \d+ slots, exports square, calls, label/, {
    timeout: 180_000,
  });
  await expect(playground.output('build.log')).toContainText('installed as /lib/libsquare.so');
  await page.getByTestId('output.tab.files').click();
  await expect(page.locator('[data-testid="files.item"][data-path="lib/libsquare.so"]')).toBeVisible();
  await page.getByTestId('output.tab.output').click();
  // A library has no entry point: Run is disabled, and Ctrl+Enter is refused with what to do instead.
  await expect(page.getByTestId('run.button')).toBeDisabled();
  await expect(page.getByTestId('run.button')).toHaveAttribute('title', /dlopen it from a function/);
  await page.keyboard.press('Control+Enter');
  await playground.expectStatus(/refused/i);
  await expect(playground.output('output.message')).toContainText('hostrows/libsquare is a shared library, not a function');

  await playground.createFunction('hostrows/dl', DLOPEN_C);
  await playground.run();
  await playground.expectStatus(/ok/i);
  await expect(playground.output('output.text')).toHaveText(
    '144; square(5) = 25; calls 2; missing: dlopen: /lib/libnothere.so: no such file (a library built in the playground is installed as /lib/<name>.so)',
  );
});

test('the gallery’s demo/libsquare and demo/dlopen work as they come', async ({ playground }) => {
  const { page } = playground;
  await playground.open();
  const open = async (key: string) => {
    await page.getByTestId('functions.examples').click();
    await page.locator(`[data-testid="examples.item"][data-key="${key}"]`).getByTestId('examples.open').click();
    await expect(page.getByTestId('function.current')).toHaveText(key);
  };
  await open('demo/libsquare');
  await expect(playground.functionItem('demo/libsquare').getByTestId('functions.library')).toBeVisible();
  await playground.build();
  await expect(playground.functionItem('demo/libsquare')).toHaveAttribute('data-uploaded', 'true', { timeout: 180_000 });
  await open('demo/dlopen');
  await playground.run();
  await playground.expectStatus(/ok/i);
  await expect(playground.output('output.text')).toHaveText('square(9) = 81, call 1 of the library');
  await expect(playground.output('output.stdout')).toHaveText("square(3) = 9; the library's counter is 2\n");
});
