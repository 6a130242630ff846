/**
 * The CPU-time limit counts the Faaslet's own execution (fuel), not time blocked: a parent that
 * awaits children doing more CPU work than its limit is not killed; a function that computes
 * past the limit is, and the call detail shows the CPU time it used beside its wall time. No
 * wall-clock figure is asserted: fuel is counted work, the same on an idle or a loaded machine.
 */
import { expect, test, type Playground } from './fixtures';

const BURN_C = `#include "faasm/faasm.h"
#include <stdio.h>
#include <stdlib.h>
int main(void) {
    char in[32] = { 0 };
    long n = faasmGetInputSize();
    faasmGetInput((uint8_t*)in, n < 31 ? n : 31);
    long iterations = atol(in);
    volatile unsigned x = 1;
    for (long i = 0; i < iterations; i++) x = x * 1103515245u + 12345u;
    char out[32];
    int len = snprintf(out, sizeof out, "%u", x);
    faasmSetOutput((const uint8_t*)out, len);
    return 0;
}
`;

const WAITER_C = `#include "faasm/faasm.h"
#include <string.h>
int main(void) {
    char in[32] = { 0 };
    long n = faasmGetInputSize();
    faasmGetInput((uint8_t*)in, n < 31 ? n : 31);
    for (int k = 0; k < 4; k++) {
        unsigned int id = faasmChainNamed("burn", (const uint8_t*)in, strlen(in));
        if (faasmAwaitCall(id) != 0) return 1;
    }
    faasmSetOutput((const uint8_t*)"4 children done", 15);
    return 0;
}
`;

const LIMIT_MS = 400;

/** formatMs's text ("3.21 ms", "123.4 ms", "1.23 s") in ms. */
function parseMs(text: string): number {
  const m = /([\d.]+) (ms|s)\b/.exec(text);
  if (!m) throw new Error(`no time in "${text}"`);
  return Number(m[1]) * (m[2] === 's' ? 1000 : 1);
}

async function cpuOf(playground: Playground, node: number): Promise<number> {
  return parseMs(await playground.callNodes().nth(node).getByTestId('calls.node.cpu').innerText());
}

test('awaiting children does not count against the CPU-time limit; computing past it does, and the call shows its CPU time', async ({ playground }) => {
  await playground.open();
  await playground.createFunction('demo/burn', BURN_C);
  // How much CPU a known amount of work books (fuel is counted, so this is the same under load).
  const probe = 5_000_000;
  await playground.setInput(String(probe));
  await playground.setLimit(60_000);
  await playground.run();
  await playground.expectStatus(/ok/i, 180_000);
  const probeMs = parseMs(await playground.output('output.cputime').innerText());
  expect(probeMs).toBeGreaterThan(0);
  // Each child computes for ~45 % of the limit, so the four the parent awaits use 180 % of it.
  const perChild = Math.round((probe * 0.45 * LIMIT_MS) / probeMs);

  await playground.createFunction('demo/waiter', WAITER_C);
  await playground.setInput(String(perChild));
  await playground.setLimit(LIMIT_MS);
  await playground.run();
  await playground.expectStatus(/ok/i, 180_000);
  await expect(playground.output('output.text')).toHaveText('4 children done');
  await playground.showCalls();
  await expect(playground.callNodes()).toHaveCount(5);
  await expect(playground.callNodes().and(playground.page.locator('[data-function="demo/burn"][data-status="ok"]'))).toHaveCount(4);
  const parentCpu = await cpuOf(playground, 0);
  const childrenCpu = (await Promise.all([1, 2, 3, 4].map((k) => cpuOf(playground, k)))).reduce((a, b) => a + b, 0);
  expect(parentCpu).toBeLessThan(LIMIT_MS);
  // The parent was blocked in await while its children computed more than its limit.
  expect(childrenCpu).toBeGreaterThan(LIMIT_MS);

  await playground.selectFunction('demo/burn');
  await playground.setInput(String(perChild * 4));
  await playground.run();
  await playground.expectStatus(/killed/i, 180_000);
  await expect(playground.output('output.message')).toHaveText(
    new RegExp(`^killed: CPU-time limit of ${LIMIT_MS} ms reached \\(used [\\d.]+ ms CPU, [\\d.]+ ms wall\\)$`),
  );
  await playground.showCalls();
  await playground.callNodes().first().click();
  const detail = playground.output('calls.detail.cpu');
  await expect(detail).toHaveText(/CPU, .* wall$/);
  const killedAt = parseMs(await detail.innerText());
  // Killed at the first fuel poll past the limit: within a slice of it.
  expect(killedAt).toBeGreaterThanOrEqual(LIMIT_MS);
  expect(killedAt).toBeLessThan(LIMIT_MS * 1.05);
});

/** `(module (func (export "_start")))`: a build of an earlier version, without metering. */
const UNMETERED = [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 3, 2, 1, 0, 7, 0x0a, 1, 6, 0x5f, 0x73, 0x74, 0x61, 0x72, 0x74, 0, 0, 0x0a, 4, 1, 2, 0, 0x0b];

test('a build stored without metering is not run after a reload: it is built again', async ({ playground }) => {
  await playground.open();
  for (const name of ['demo/kept', 'demo/stale']) {
    await playground.createFunction(name, BURN_C);
    await playground.setInput('1000');
    await playground.run();
    await playground.expectStatus(/ok/i, 180_000);
    await expect(playground.functionItem(name)).toHaveAttribute('data-uploaded', 'true');
  }
  // Put an unmetered module in its place in the function store, as an earlier version stored it.
  await playground.page.evaluate(async (bytes) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('faaslet-playground-functions', 1);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const store = db.transaction('functions', 'readwrite').objectStore('functions');
    const record = await new Promise<Record<string, unknown>>((resolve) => {
      const get = store.get('demo/stale');
      get.onsuccess = () => resolve(get.result as Record<string, unknown>);
    });
    await new Promise((resolve) => {
      store.put({ ...record, wasm: new Uint8Array(bytes) }, 'demo/stale').onsuccess = resolve;
    });
    db.close();
  }, UNMETERED);
  await playground.page.reload();
  await expect(playground.page.getByTestId('build.button')).toBeVisible();
  // The runtime has listed its builds once the metered one shows as uploaded.
  await expect(playground.functionItem('demo/kept')).toHaveAttribute('data-uploaded', 'true');
  await expect(playground.functionItem('demo/stale')).toHaveAttribute('data-uploaded', 'false');
  await playground.selectFunction('demo/stale');
  await playground.run();
  await playground.expectStatus(/ok/i, 180_000);
  await expect(playground.functionItem('demo/stale')).toHaveAttribute('data-uploaded', 'true');
});
