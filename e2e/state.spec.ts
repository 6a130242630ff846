import { expect, test, type Playground } from './fixtures';

const OVERRUN_C = `#include "faasm/faasm.h"
#include <stdint.h>
int main(int argc, char* argv[]) {
    uint8_t eight[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    faasmWriteState("small", eight, 8);
    uint8_t* p = faasmReadStatePtr("small", 16);
    return p[0];
}
`;

const HOG_C = `#include "faasm/faasm.h"
#include <stdint.h>
int main(int argc, char* argv[]) {
    int32_t zero = 0;
    faasmWriteState("shared", (uint8_t*)&zero, 4);
    faasmLockStateWrite("shared");
    char mode[8] = {0};
    faasmGetInput((uint8_t*)mode, 7);
    if (mode[0] == 'f') for (volatile int spin = 1; spin; ) { }
    return 0;
}
`;

const TAKER_C = `#include "faasm/faasm.h"
#include <string.h>
int main(int argc, char* argv[]) {
    faasmLockStateWrite("shared");
    faasmUnlockStateWrite("shared");
    faasmSetOutput("got the lock", strlen("got the lock"));
    return 0;
}
`;

const STATE_IO_C = `#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "faasm/faasm.h"

int main(void) {
    const char* greeting = "stdout straight from a state value\\n";
    long n = strlen(greeting);
    faasmWriteState("greeting", (const uint8_t*)greeting, n);
    uint8_t* shared = faasmReadStatePtr("greeting", n);
    if (write(1, shared, n) != n) { perror("write"); return 2; }

    uint8_t* loaded = faasmReadStatePtr("loaded", 64);
    int fd = open("/input.txt", O_RDONLY);
    if (fd < 0) { perror("open"); return 3; }
    ssize_t got = read(fd, loaded, 64);
    close(fd);
    char out[128];
    faasmSetOutput(out, snprintf(out, sizeof out, "read %zd bytes into %p: %.*s", got, loaded, (int)got, (const char*)loaded));
    return 0;
}
`;

const FROM_FILE_C = `#include <stdio.h>
#include "faasm/faasm.h"

int main(void) {
    char path[64] = {0};
    faasmGetInput((uint8_t*)path, sizeof path - 1);
    unsigned long size = faasmWriteStateFromFile("weights", path);
    uint8_t* value = faasmReadStatePtr("weights", size);
    char out[128];
    faasmSetOutput(out, snprintf(out, sizeof out, "%lu bytes from %s: %.*s", size, path, (int)size, (const char*)value));
    return 0;
}
`;

/** Uploads a file to the current function's user through the Files tab, as a person preloads input. */
async function uploadFile(playground: Playground, name: string, content: string) {
  const { page } = playground;
  await page.getByTestId('output.tab.files').click();
  await page.getByTestId('files.upload').setInputFiles({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(content) });
  await expect(page.locator(`[data-testid="files.item"][data-path="${name}"]`)).toBeVisible();
  await page.getByTestId('output.tab.output').click();
}

async function showState(playground: Playground) {
  await playground.page.getByTestId('output.tab.state').click();
  await expect(playground.output('state.view')).toBeVisible();
}

/** The ASCII column of a hex dump, joined: what the bytes say as text. */
async function dumpText(playground: Playground): Promise<string> {
  const dump = (await playground.output('state.bytes').textContent()) ?? '';
  return dump.split('\n').map((line) => line.slice(59)).join('');
}

test('two Faaslets write one state value through their own pointers, and the page reads the same bytes', async ({ playground }) => {
  await playground.open();
  await playground.selectFunction('demo/share');
  await playground.run();
  await playground.expectStatus(/ok/i);
  await expect(playground.output('output.text')).toHaveText('hello from A and hello from B');
  await expect(playground.output('output.stdout')).toContainText(/A wrote through 0x8[0-9a-f]{7} /);
  const stdoutA = (await playground.output('output.stdout').textContent()) ?? '';
  const pointerA = /A wrote through (0x[0-9a-f]{8})/.exec(stdoutA)![1]!;

  // Two calls, in two Faaslets, on one host; B's own pointer is A's address, and it saw A's bytes.
  await playground.showCalls();
  await expect(playground.callNodes()).toHaveCount(2);
  await playground.callNodes().nth(1).click();
  await expect(playground.output('calls.detail')).toContainText(`B reads through its own pointer ${pointerA}: "hello from A"`);

  await playground.page.getByTestId('output.tab.log').click();
  await expect(playground.output('build.rewrite')).toContainText(/rewritten in .*: \d+ memory instructions routed/);

  await showState(playground);
  const board = playground.output('state.key.board');
  await expect(board).toContainText('0x80000000');
  await board.click();
  await expect.poll(() => dumpText(playground)).toMatch(/^hello from A and hello from B\.+/);
});

test('two Faaslets add to a mapped counter under the write lock: exactly 200,000; without it, updates are lost', async ({ playground }) => {
  test.setTimeout(240_000);
  await playground.open();
  await playground.selectFunction('demo/counter');
  await playground.setInput('lock');
  await playground.run();
  await playground.expectStatus(/ok/i);
  await expect(playground.output('output.text')).toHaveText('counter = 200000 (with the write lock; 0 updates lost)');

  await showState(playground);
  await playground.output('state.key.counter').click();
  await expect(playground.output('state.i32')).toHaveText('200000');

  // Lost updates need the two adders to interleave; on a busy machine one run may not show it.
  await playground.setInput('nolock');
  let lost = 0;
  for (let attempt = 0; attempt < 6 && lost === 0; attempt++) {
    await playground.run();
    await playground.expectStatus(/ok/i);
    const text = (await playground.output('output.text').textContent()) ?? '';
    const match = /^counter = (\d+) \(no lock; (\d+) updates lost\)$/.exec(text);
    expect(match, text).not.toBeNull();
    expect(Number(match![1]) + Number(match![2])).toBe(200000);
    lost = Number(match![2]);
    // Run shows the Output tab; the State tab reads the arena again when shown.
    await showState(playground);
    await expect(playground.output('state.i32')).toHaveText(match![1]!);
  }
  expect(lost).toBeGreaterThan(0);
});

test('asking a key for more than its size is a clear error, and a private-only module is not rewritten', async ({ playground }) => {
  await playground.open();
  await playground.createFunction('demo/overrun', OVERRUN_C);
  await playground.run();
  await playground.expectStatus(/trapped|failed/i);
  await expect(playground.output('output.panel')).toContainText('__faasm_read_state_ptr: key "demo/small" has size 8, fixed when it was created; 16 bytes were asked for');

  await playground.selectFunction('demo/hello');
  await playground.build();
  await playground.page.getByTestId('output.tab.log').click();
  await expect(playground.output('build.rewrite')).toHaveText(/^not rewritten/);
});

test('with copied state (as without multi-memory) pointers are private copies: locks still make the counter exact', async ({ playground }) => {
  test.setTimeout(240_000);
  await playground.open('/?state=copy');
  await expect(playground.output('status.state')).toHaveText('state copied (forced by ?state=copy)');

  // A's write sits in A's private copy, so B does not see it, and A never sees B's.
  await playground.selectFunction('demo/share');
  await playground.run();
  await playground.expectStatus(/ok/i);
  await expect(playground.output('output.text')).toHaveText('hello from A');

  // The lock refreshes the copy and unlock writes it back: still exact.
  await playground.selectFunction('demo/counter');
  await playground.setInput('lock');
  await playground.run();
  await playground.expectStatus(/ok/i);
  await expect(playground.output('output.text')).toHaveText('counter = 200000 (with the write lock; 0 updates lost)');
});

test('locks a Faaslet leaves held are released: when it returns holding one, and when it is killed', async ({ playground }) => {
  test.setTimeout(240_000);
  await playground.open();
  await playground.createFunction('demo/hog', HOG_C);
  await playground.createFunction('demo/taker', TAKER_C);
  await playground.buildAll();

  await playground.selectFunction('demo/hog');
  await playground.setInput('return');
  await playground.run();
  await playground.expectStatus(/ok/i);
  await expect(playground.output('output.stderr')).toHaveText('faasm: the call returned holding the write lock on "demo/shared"; released');

  await playground.setInput('forever');
  await playground.setLimit(500);
  await playground.run();
  await playground.expectStatus(/killed/i);

  await playground.selectFunction('demo/taker');
  await playground.run();
  await playground.expectStatus(/ok/i);
  await expect(playground.output('output.text')).toHaveText('got the lock');
});

test('a state pointer is a buffer for write() and read(): stdout from a state value, a file read into one', async ({ playground }) => {
  await playground.open();
  await playground.createFunction('stateio/fileio', STATE_IO_C);
  await uploadFile(playground, 'input.txt', 'uploaded bytes, now state');
  await playground.run();
  await playground.expectStatus(/ok/i);
  await expect(playground.output('output.stdout')).toHaveText('stdout straight from a state value\n');
  await expect(playground.output('output.text')).toHaveText(/^read 25 bytes into 0x8[0-9a-f]{7}: uploaded bytes, now state$/);

  await showState(playground);
  await playground.output('state.key.loaded').click();
  await expect.poll(() => dumpText(playground)).toMatch(/^uploaded bytes, now state\.+/);
});

test('faasmWriteStateFromFile makes a user’s file a state value and pushes it; a missing file is a clear error', async ({ playground }) => {
  await playground.open();
  await playground.createFunction('stateio/fromfile', FROM_FILE_C);
  await uploadFile(playground, 'weights.txt', 'weights from a file');
  await playground.setInput('/weights.txt');
  await playground.run();
  await playground.expectStatus(/ok/i);
  await expect(playground.output('output.text')).toHaveText('19 bytes from /weights.txt: weights from a file');

  await showState(playground);
  await expect(playground.output('state.global.key.weights')).toContainText('19');
  await expect(playground.output('state.global.key.weights').getByTestId('state.global.version')).toHaveText('1');

  await playground.page.getByTestId('output.tab.output').click();
  await playground.setInput('/missing.txt');
  await playground.run();
  await playground.expectStatus(/trapped|failed/i);
  await expect(playground.output('output.panel')).toContainText(
    "__faasm_write_state_from_file: /missing.txt: no such file in stateio's files (the Files tab uploads one)",
  );
});
