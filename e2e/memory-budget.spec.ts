/**
 * Issue 14: the page-wide memory budget holds while a call runs. A function allowed 1 GiB of
 * memory 0 mallocs until NULL under a 256 MiB page budget set in the status bar: memory.grow past
 * the budget fails (faaslet.grow), so malloc returns NULL well before the function's own limit,
 * the call says why on stderr with the figures, the page never holds more than the budget, and
 * the memory goes back when the call ends.
 */
import { expect, test, type Playground } from './fixtures';

const BUDGET_MIB = 256;

const HOG_C = `#include <stdio.h>
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

const usedBytes = async (playground: Playground) => Number(await playground.output('cluster.memory').getAttribute('data-used'));

test('a call allowed 1 GiB gets NULL from malloc at the page budget, says why, and gives the memory back', async ({ playground }) => {
  test.setTimeout(240_000);
  const { page } = playground;
  await playground.open();
  await page.getByTestId('cluster.budget').fill('100');
  await page.getByTestId('cluster.budget').press('Enter');
  await expect(page.getByTestId('cluster.budget.error')).toHaveText('the memory budget is a whole number of MiB from 256 to 65536, not 100');
  await page.getByTestId('cluster.budget').fill(String(BUDGET_MIB));
  await page.getByTestId('cluster.budget').press('Enter');
  await expect(page.getByTestId('cluster.budget.error')).toHaveCount(0);
  await page.getByTestId('output.tab.cluster').click();
  await expect(playground.output('cluster.memory')).toHaveAttribute('data-budget', String(BUDGET_MIB * 2 ** 20));

  await playground.createFunction('budget/hog', HOG_C);
  await page.getByTestId('limits.button').click();
  await page.getByTestId('limits.memory').fill('1024');
  await page.getByTestId('limits.save').click();
  await expect(page.getByTestId('limits.button')).toHaveText('1024 MiB');

  // Every figure the cluster view shows while the call runs.
  await page.evaluate(() => {
    const seen: number[] = [];
    (window as unknown as { budgetSeen: number[] }).budgetSeen = seen;
    const note = () => document.querySelector('[data-testid="cluster.memory"]');
    new MutationObserver(() => seen.push(Number(note()?.getAttribute('data-used')))).observe(document.body, {
      subtree: true,
      attributes: true,
      attributeFilter: ['data-used'],
    });
  });
  await playground.run();
  await playground.expectStatus(/ok/i, 180_000);
  const got = Number(/NULL after (\d+) MiB/.exec((await playground.output('output.text').textContent()) ?? '')?.[1]);
  // The budget stopped it, not its 1 GiB limit: the rest of the budget is other Faaslets and state.
  expect(got).toBeGreaterThan(64);
  expect(got).toBeLessThan(BUDGET_MIB);
  await expect(playground.output('output.stderr')).toContainText(
    new RegExp(`memory\\.grow of \\d+ pages \\([\\d.]+ MiB\\) refused: the page's memory budget is ${BUDGET_MIB} MiB and [\\d.]+ MiB is in use`),
  );
  const seen = await page.evaluate(() => (window as unknown as { budgetSeen: number[] }).budgetSeen);
  for (const used of seen) expect(used).toBeLessThanOrEqual(BUDGET_MIB * 2 ** 20);
  // The grown memory is let go when the call ends.
  await expect.poll(() => usedBytes(playground), { timeout: 30_000 }).toBeLessThan(64 * 2 ** 20);
});
