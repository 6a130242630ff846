/** Stop in the middle of a deep chain: every call of the chain ends stopped, in every view. */
import { expect, test } from './fixtures';

/** Chains itself with its input minus one and awaits; at 0 it computes until stopped. */
const DEEP_C = `#include "faasm/faasm.h"
#include <stdio.h>
#include <stdlib.h>
int main(int argc, char* argv[]) {
    char text[16] = "0";
    long size = faasmGetInputSize();
    if (size > 0 && size < 16) { faasmGetInput((uint8_t*)text, size); text[size] = '\\0'; }
    long n = atol(text);
    if (n > 0) {
        char next[16];
        int len = snprintf(next, sizeof(next), "%ld", n - 1);
        return faasmAwaitCall(faasmChainNamed("deep", (const uint8_t*)next, len));
    }
    volatile unsigned long spins = 0;
    for (;;) spins++;
    return 0;
}
`;

const DEPTH = 40;

test('Stop in a 40-deep chain marks every call stopped, in the tree and the cluster view', async ({ playground }) => {
  test.setTimeout(300_000);
  const { page } = playground;
  await playground.open();
  await playground.createFunction('demo/deep', DEEP_C);
  await playground.setInput(String(DEPTH));
  // Far beyond the test: only Stop may end this chain.
  await playground.setLimit(3_600_000);
  await playground.run();

  await playground.showCalls();
  const nodes = playground.callNodes();
  await expect(nodes).toHaveCount(DEPTH + 1, { timeout: 240_000 });
  // The deepest call computes; every caller above it is blocked awaiting its child.
  await expect(nodes.and(page.locator('[data-status="running"]'))).toHaveCount(1, { timeout: 120_000 });
  await expect(nodes.and(page.locator('[data-status="blocked"]'))).toHaveCount(DEPTH);

  await page.getByTestId('stop.button').click();
  await playground.expectStatus(/stopped/i, 60_000);
  await expect(nodes.and(page.locator('[data-status="stopped"]'))).toHaveCount(DEPTH + 1);
  await expect(page.getByTestId('calls.timeline')).toHaveAttribute('data-calls', String(DEPTH + 1));

  await page.getByTestId('output.tab.cluster').click();
  const faaslets = page.getByTestId('cluster.faaslet');
  await expect(faaslets.first()).toBeVisible();
  await expect(faaslets.and(page.locator('[data-state="running"], [data-state="blocked"]'))).toHaveCount(0);
  // What the Faaslets hold, against the page's memory budget.
  await expect(page.getByTestId('cluster.memory')).toContainText(/memory .* of the page's .* budget/);
  await expect(page.getByTestId('status.memory')).toContainText(/ \/ \d/);
});
