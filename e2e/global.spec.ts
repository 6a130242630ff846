/**
 * The global tier (issue 5). To put a call on a chosen host the tests use the scheduler's own
 * rules instead of a back door: with one slot per host, a call from the page starts on host 0
 * (both hosts free, lowest id first), and a call it chains while it runs finds host 0 full and
 * goes to host 1. So "main pushes, its chained call pulls" is a push on host 0 and a pull on host 1.
 * With two slots per host, the four adders of demo/global_counter land two on each host.
 */
import type { Page } from '@playwright/test';
import { expect, Playground, test } from './fixtures';

const MOVE_C = `#include "faasm/faasm.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#define KEY "moved"
#define SIZE (1 << 20)

static void fill(uint8_t* p) {
    uint32_t x = 2463534242u;
    for (long i = 0; i < SIZE; i++) { x ^= x << 13; x ^= x >> 17; x ^= x << 5; p[i] = (uint8_t)x; }
}

// Chained: runs on the other host, whose local tier has never seen the key.
int check() {
    long before = faasmReadStateSize(KEY);
    faasmPullState(KEY, 0);
    long size = faasmReadStateSize(KEY);
    uint8_t* value = faasmReadStatePtr(KEY, size);
    uint8_t* expected = malloc(SIZE);
    fill(expected);
    long differ = 0;
    for (long i = 0; i < SIZE; i++) differ += value[i] != expected[i];
    char out[96];
    int len = snprintf(out, sizeof out, "local size %ld, pulled %ld bytes, %ld differ", before, size, differ);
    faasmSetOutput(out, len);
    return size == SIZE && differ == 0 ? 0 : 1;
}

int main(int argc, char* argv[]) {
    uint8_t* data = malloc(SIZE);
    fill(data);
    faasmWriteState(KEY, data, SIZE);
    faasmPushState(KEY);
    char* out; int len;
    unsigned int rc = faasmAwaitCallOutput(faasmChain(check, 0, 0), &out, &len);
    faasmSetOutput(out, len);
    return rc;
}
`;

const PARTIAL_C = `#include "faasm/faasm.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#define KEY "partial"
#define SIZE (1 << 20)
#define NEAR (100 << 10) /* flagged */
#define MIDDLE (512 << 10) /* written through the pointer, never flagged: stays on this host */
#define FAR (900 << 10) /* flagged: the partial push writes the chunks of these two only */
int check() {
    faasmPullState(KEY, SIZE);
    uint8_t* v = faasmReadStatePtr(KEY, SIZE);
    long differ = 0;
    for (long i = 0; i < SIZE; i++) {
        uint8_t expected = i >= NEAR && i < NEAR + 7 ? "PARTIAL"[i - NEAR] : i >= FAR && i < FAR + 4 ? "FAR!"[i - FAR] : 'a';
        differ += v[i] != expected;
    }
    char out[128];
    int len = snprintf(out, sizeof out, "pulled: starts %c, %.7s at 100 KiB, %c at 512 KiB, %.4s at 900 KiB, %ld bytes differ", v[0], v + NEAR, v[MIDDLE], v + FAR, differ);
    faasmSetOutput(out, len);
    return differ == 0 ? 0 : 1;
}
int main(int argc, char* argv[]) {
    uint8_t* data = malloc(SIZE);
    memset(data, 'a', SIZE);
    faasmWriteState(KEY, data, SIZE);
    faasmPushState(KEY);
    uint8_t* p = faasmReadStatePtr(KEY, SIZE);
    memset(p, 'X', 16);
    memset(p + MIDDLE, 'X', 16);
    faasmWriteStateOffset(KEY, SIZE, NEAR, (const uint8_t*)"PARTIAL", 7);
    faasmWriteStateOffset(KEY, SIZE, FAR, (const uint8_t*)"FAR!", 4);
    faasmPushStatePartial(KEY);
    char* out; int len;
    unsigned int rc = faasmAwaitCallOutput(faasmChain(check, 0, 0), &out, &len);
    faasmSetOutput(out, len);
    return rc;
}
`;

async function slotsPerHost(playground: Playground, slots: number) {
  await playground.page.getByTestId('cluster.slots').fill(String(slots));
  await expect(playground.output('cluster.slots')).toHaveValue(String(slots));
}

async function showState(playground: Playground) {
  await playground.page.getByTestId('output.tab.state').click();
  await expect(playground.output('state.global')).toBeVisible();
}

const globalVersion = (playground: Playground, key: string) =>
  playground.output(`state.global.key.${key}`).getByTestId('state.global.version');

/** The global version the shown host's local copy was last pulled or pushed at. */
const syncedVersion = (playground: Playground, key: string) => playground.output(`state.key.${key}`).getByTestId('state.synced');

/** A second tab of the same browser context, failing the test on its console errors too. */
async function secondTab(page: Page, errors: string[]): Promise<Playground> {
  page.on('console', (message) => message.type() === 'error' && errors.push(`tab 2: ${message.text()}`));
  page.on('pageerror', (error) => errors.push(`tab 2: ${error.message}`));
  const playground = new Playground(page);
  await playground.open();
  return playground;
}

async function runCounter(playground: Playground, input: string) {
  await playground.selectFunction('demo/global_counter');
  await playground.setInput(input);
  await playground.run();
  await playground.expectStatus(/ok/i);
}

test('a 1 MiB value pushed on host 0 is pulled on host 1 byte for byte', async ({ playground }) => {
  await playground.open();
  await slotsPerHost(playground, 1);
  await playground.createFunction('demo/global_move', MOVE_C);
  await playground.run();
  await playground.expectStatus(/ok/i);
  await expect(playground.output('output.text')).toHaveText('local size 0, pulled 1048576 bytes, 0 differ');

  await playground.showCalls();
  await expect(playground.callNodes()).toHaveCount(2);
  await expect(playground.callNodes().nth(0)).toContainText('h0·');
  await expect(playground.callNodes().nth(1)).toContainText('h1·');

  await showState(playground);
  await expect(playground.output('state.global.key.moved')).toContainText('1,048,576');
  await expect(globalVersion(playground, 'moved')).toHaveText('1');
  // Host 0's local copy is the version it pushed.
  await expect(syncedVersion(playground, 'moved')).toHaveText('v1');
  const changes = playground.output('state.global.change');
  await expect(changes.nth(1)).toHaveText('host 0 → global · moved v1 · 1 MiB');
  await expect(changes.nth(0)).toHaveText('host 1 ← global · moved v1 · 1 MiB');
});

test('a partial push writes only the dirty chunks, not the writes between them', async ({ playground }) => {
  await playground.open();
  await slotsPerHost(playground, 1);
  await playground.createFunction('demo/global_partial', PARTIAL_C);
  await playground.run();
  await playground.expectStatus(/ok/i);
  // Host 1 sees the two flagged ranges, not the 'X's written on host 0 without a flag, even between them.
  await expect(playground.output('output.text')).toHaveText(
    'pulled: starts a, PARTIAL at 100 KiB, a at 512 KiB, FAR! at 900 KiB, 0 bytes differ',
  );

  await showState(playground);
  await expect(globalVersion(playground, 'partial')).toHaveText('2');
  // Two 64-byte chunks.
  await expect(playground.output('state.global.change').nth(1)).toHaveText('host 0 → global · partial v2 · 128 B');
});

test('4 Faaslets on 2 hosts add 10,000 each to a global counter under the global write lock; a reload keeps it', async ({ playground }) => {
  test.setTimeout(240_000);
  await playground.open();
  await slotsPerHost(playground, 2);
  await playground.setLimit(60_000);
  await runCounter(playground, '100');
  await expect(playground.output('output.text')).toHaveText('global counter = 40000 (was 0; +40000 from 4 Faaslets)');

  // The four adders (the rows under main) ran on both hosts.
  await playground.showCalls();
  const nodes = playground.callNodes();
  await expect(nodes).toHaveCount(5);
  await expect(nodes.nth(0)).toHaveAttribute('aria-expanded', 'true');
  const adderHosts = await nodes.evaluateAll((rows) => rows.slice(1).map((row) => /h(\d)·f/.exec(row.textContent ?? '')?.[1]));
  expect(adderHosts).toHaveLength(4);
  expect(new Set(adderHosts)).toEqual(new Set(['0', '1']));

  await showState(playground);
  await expect(globalVersion(playground, 'global_counter')).toHaveText('400');

  // The local tiers start empty after a reload; the global tier is still there.
  await playground.page.reload();
  await expect(playground.output('build.button')).toBeVisible();
  await showState(playground);
  await expect(globalVersion(playground, 'global_counter')).toHaveText('400');
  await expect(playground.output('state.view')).toHaveCount(0);
  await expect(playground.page.getByText('No local state yet')).toBeVisible();
  await runCounter(playground, 'read');
  await expect(playground.output('output.text')).toHaveText('global counter = 40000');
  // The pull filled host 0's local tier with the global value.
  await showState(playground);
  await expect(syncedVersion(playground, 'global_counter')).toHaveText('v400');
});

test('two tabs share the global tier, and a push in one shows in the other', async ({ playground, context }) => {
  test.setTimeout(240_000);
  await playground.open();
  await slotsPerHost(playground, 2);
  await playground.setLimit(60_000);
  await runCounter(playground, '10');
  await expect(playground.output('output.text')).toHaveText('global counter = 40000 (was 0; +40000 from 4 Faaslets)');

  const errors: string[] = [];
  const other = await secondTab(await context.newPage(), errors);
  await other.setLimit(60_000);
  await runCounter(other, 'read');
  await expect(other.output('output.text')).toHaveText('global counter = 40000');

  // Tab 2 pushes; tab 1 hears of it through the BroadcastChannel, without running anything.
  await showState(playground);
  await expect(globalVersion(playground, 'global_counter')).toHaveText('40');
  // Host 0 ran main, whose last pull read version 40.
  await expect(syncedVersion(playground, 'global_counter')).toHaveText('v40');
  await runCounter(other, '10');
  await expect(other.output('output.text')).toHaveText('global counter = 80000 (was 40000; +40000 from 4 Faaslets)');
  await expect(globalVersion(playground, 'global_counter')).toHaveText('80');
  // This tab's local copy is now behind the global tier, and says so.
  await expect(syncedVersion(playground, 'global_counter')).toHaveText('v40 · stale (global v80)');
  await expect(playground.output('state.global.change').first()).toContainText('another tab → global · global_counter v80');
  expect(errors).toEqual([]);
});

const QUOTA_C = `#include "faasm/faasm.h"
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#define KEY "quota"
#define SIZE (4 << 20)

int main(int argc, char* argv[]) {
    char mode[8] = {0};
    faasmGetInput((uint8_t*)mode, 7);
    char out[128];
    int len;
    if (mode[0] == 'c') {
        int rc = faasmPullState(KEY, SIZE);
        uint8_t* v = faasmReadStatePtr(KEY, SIZE);
        long differ = 0;
        for (long i = 0; i < SIZE; i++) differ += v[i] != 'a';
        len = snprintf(out, sizeof out, "pull returned %d; %ld bytes are not 'a'", rc, differ);
    } else {
        uint8_t* data = malloc(SIZE);
        memset(data, mode[0] == 's' ? 'a' : 'b', SIZE);
        faasmWriteState(KEY, data, SIZE);
        int rc = faasmPushState(KEY);
        len = snprintf(out, sizeof out, "push returned %d%s", rc, rc == -ENOSPC ? " (-ENOSPC)" : "");
    }
    faasmSetOutput(out, len);
    return 0;
}
`;

test('a push over the storage quota returns -ENOSPC, shows why, and keeps the global value', async ({ playground }) => {
  test.setTimeout(180_000);
  const { page } = playground;
  await playground.open();
  await playground.createFunction('demo/global_quota', QUOTA_C);
  await playground.setInput('seed');
  await playground.run();
  await playground.expectStatus(/ok/i);
  await expect(playground.output('output.text')).toHaveText('push returned 0');

  // A real quota: Chromium's own, made smaller than what the origin holds already. IndexedDB asks
  // the quota manager again only once its cached free space has decayed (30 s after it last
  // asked, which was before the override), so wait that long before the push.
  const cdp = await page.context().newCDPSession(page);
  const origin = new URL(page.url()).origin;
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 1 << 20 });
  await page.waitForTimeout(31_000);
  await playground.setInput('over');
  await playground.run();
  await playground.expectStatus(/ok/i);
  await expect(playground.output('output.text')).toHaveText(`push returned -51 (-ENOSPC)`);
  await expect(playground.output('output.stderr')).toHaveText(
    'faasm: __faasm_push_state("quota") returned -51: the browser\'s storage quota for this site is full; nothing was written, the global tier is as it was',
  );

  await showState(playground);
  const failed = playground.output('state.global.change').and(page.locator('[data-kind="failed"]'));
  await expect(failed).toHaveText(
    "host 0 · quota failed: the browser's storage quota for this site is full; nothing was written, the global tier is as it was",
  );
  await expect(globalVersion(playground, 'quota')).toHaveText('1');

  // With the quota back, the value pulled is the first push's, whole.
  await cdp.send('Storage.overrideQuotaForOrigin', { origin });
  await page.getByTestId('output.tab.output').click();
  await playground.setInput('check');
  await playground.run();
  await playground.expectStatus(/ok/i);
  await expect(playground.output('output.text')).toHaveText("pull returned 0; 0 bytes are not 'a'");
  await showState(playground);
  await expect(globalVersion(playground, 'quota')).toHaveText('1');
});

const HOLDER_C = `#include "faasm/faasm.h"
int main(int argc, char* argv[]) {
    char mode[8] = {0};
    faasmGetInput((uint8_t*)mode, 7);
    faasmLockStateGlobalWrite("held");
    if (mode[0] == 'f') for (volatile int spin = 1; spin; ) { }
    return 0;
}
`;

const TAKER_C = `#include "faasm/faasm.h"
#include <string.h>
int main(int argc, char* argv[]) {
    faasmLockStateGlobalWrite("held");
    faasmUnlockStateGlobalWrite("held");
    faasmSetOutput("got the global lock", strlen("got the global lock"));
    return 0;
}
`;

test('global locks a call leaves held are released when it returns and when it is killed (mailbox mode)', async ({ playground }) => {
  test.setTimeout(240_000);
  await playground.open('/?await=mailbox');
  await playground.createFunction('demo/holder', HOLDER_C);
  await playground.createFunction('demo/taker', TAKER_C);
  await playground.buildAll();

  await playground.selectFunction('demo/holder');
  await playground.setInput('return');
  await playground.run();
  await playground.expectStatus(/ok/i);
  await expect(playground.output('output.stderr')).toHaveText('faasm: the call ended holding the global write lock on "demo/held"; released');

  await playground.setInput('forever');
  await playground.setLimit(500);
  await playground.run();
  await playground.expectStatus(/killed/i);

  await playground.selectFunction('demo/taker');
  await playground.setLimit(5000);
  await playground.run();
  await playground.expectStatus(/ok/i);
  await expect(playground.output('output.text')).toHaveText('got the global lock');
});
