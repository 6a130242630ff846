/**
 * Issue 8: limits are set per function in the UI. The memory limit is memory 0's maximum (malloc
 * returns NULL there); the bandwidth shapes the function's virtual sockets.
 */
import { expect, test, type Playground } from './fixtures';

const BOMB_C = `#include <stdio.h>
#include <stdlib.h>
#include "faasm/faasm.h"

static char* volatile kept;

int main(void) {
    long mib = 0;
    char* block;
    while ((block = malloc(1 << 20))) { block[0] = 1; kept = block; mib++; }
    char out[64];
    int n = snprintf(out, sizeof out, "NULL after %ld MiB", mib);
    faasmSetOutput(out, n);
    return 0;
}
`;

// 48 KiB out and back through the echo endpoint, timed on the Faaslet's monotonic clock.
const SHAPED_C = `#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "faasm/faasm.h"
#include "faasm/network.h"

static char buf[48 * 1024];

int main(void) {
    struct timespec a, b;
    int s = faasmNetConnect("echo");
    if (s < 0) return 2;
    memset(buf, 'x', sizeof buf);
    clock_gettime(CLOCK_MONOTONIC, &a);
    long sent = send(s, buf, sizeof buf, 0);
    long got = 0, n;
    while (got < sent && (n = recv(s, buf, sizeof buf - got, 0)) > 0) got += n;
    clock_gettime(CLOCK_MONOTONIC, &b);
    close(s);
    long ms = (b.tv_sec - a.tv_sec) * 1000 + (b.tv_nsec - a.tv_nsec) / 1000000;
    char out[64];
    int len = snprintf(out, sizeof out, "%ld bytes back in %ld ms", got, ms);
    faasmSetOutput(out, len);
    return 0;
}
`;

async function setLimits(playground: Playground, memory: string, bandwidth: string) {
  const { page } = playground;
  await page.getByTestId('limits.button').click();
  await page.getByTestId('limits.memory').fill(memory);
  await page.getByTestId('limits.bandwidth').fill(bandwidth);
  await page.getByTestId('limits.save').click();
}

const number = async (playground: Playground, pattern: RegExp) =>
  Number(pattern.exec((await playground.output('output.text').textContent()) ?? '')?.[1]);

test('a memory limit set for one function stops its malloc there, is kept across a reload, and bad values are refused', async ({ playground }) => {
  const { page } = playground;
  await playground.open();
  await playground.createFunction('limits/bomb', BOMB_C);
  await expect(page.getByTestId('limits.button')).toHaveText('256 MiB');

  await page.getByTestId('limits.button').click();
  await page.getByTestId('limits.memory').fill('0');
  await page.getByTestId('limits.save').click();
  await expect(page.getByTestId('limits.error')).toHaveText(/memory limit must be a whole number of MiB from 1 to 2047, not 0/);
  await page.getByTestId('limits.memory').fill('24');
  await page.getByTestId('limits.save').click();
  await expect(page.getByTestId('limits.dialog')).toBeHidden();
  await expect(page.getByTestId('limits.button')).toHaveText('24 MiB');

  await playground.run();
  await playground.expectStatus(/ok/i);
  // 24 MiB less the 4 MiB stack, data and the allocator's own pages.
  const mib = await number(playground, /after (\d+) MiB/);
  expect(mib).toBeGreaterThan(14);
  expect(mib).toBeLessThan(24);
  await page.getByTestId('output.tab.log').click();
  await expect(playground.output('build.log')).toContainText('memory limit: 384 pages (24 MiB) per Faaslet');

  // Another function keeps the default.
  await playground.selectFunction('demo/hello');
  await expect(page.getByTestId('limits.button')).toHaveText('256 MiB');

  await page.reload();
  await playground.selectFunction('limits/bomb');
  await expect(page.getByTestId('limits.button')).toHaveText('24 MiB');
  await setLimits(playground, '48', '');
  await playground.run();
  await playground.expectStatus(/ok/i);
  expect(await number(playground, /after (\d+) MiB/)).toBeGreaterThan(mib + 20);
});

test('a bandwidth set for a function shapes its sockets; without it the echo is immediate', async ({ playground }) => {
  const { page } = playground;
  await playground.open();
  await playground.createFunction('limits/shaped', SHAPED_C);
  await playground.run();
  await playground.expectStatus(/ok/i);
  await expect(playground.output('output.text')).toContainText('49152 bytes back in');
  const unshaped = await number(playground, /in (\d+) ms/);

  // 96 KiB through a 96 KiB/s link: a second at least.
  await setLimits(playground, '256', '96');
  await expect(page.getByTestId('limits.button')).toHaveText('256 MiB · 96 KiB/s');
  await playground.run();
  await playground.expectStatus(/ok/i);
  await expect(playground.output('output.text')).toContainText('49152 bytes back in');
  const shaped = await number(playground, /in (\d+) ms/);
  expect(shaped).toBeGreaterThanOrEqual(990);
  expect(shaped).toBeGreaterThan(unshaped);
});
