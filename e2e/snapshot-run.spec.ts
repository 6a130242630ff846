import { expect, test } from './fixtures';

/** Each call counts up a global and prints it: from the Proto-Faaslet the count is always 1. */
const COUNTER_C = `#include "faasm/faasm.h"
#include <stdio.h>
static int calls = 0;
int main(int argc, char* argv[]) {
    calls++;
    char out[32];
    int len = snprintf(out, sizeof(out), "calls=%d", calls);
    faasmSetOutput(out, len);
    return 0;
}
`;

test('a call started from a named snapshot sees the global set by the call the snapshot was taken after', async ({ playground }) => {
  const { page } = playground;
  await playground.open();
  await playground.createFunction('demo/visits', COUNTER_C);
  await playground.run();
  await playground.expectStatus(/ok/i);
  await expect(playground.output('output.text')).toHaveText('calls=1');
  // Every call starts from the Proto-Faaslet: the second sees nothing of the first.
  await playground.run();
  await playground.expectStatus(/ok/i);
  await expect(playground.output('output.text')).toHaveText('calls=1');

  await page.getByTestId('output.tab.protos').click();
  await page.getByTestId('snapshot.name').fill('after-one');
  await page.getByTestId('snapshot.take').click();
  const row = page.locator('[data-testid="snapshot.row"][data-name="after-one"]');
  await row.getByTestId('snapshot.run').click();
  await page.getByTestId('output.tab.output').click();
  await playground.expectStatus(/ok/i);
  await expect(playground.output('output.text')).toHaveText('calls=2');

  await playground.showCalls();
  await playground.callNodes().first().click();
  await expect(playground.output('calls.detail.snapshot')).toHaveText('snapshot "after-one"');
  await expect(playground.output('calls.detail.snapshot')).toHaveAttribute('data-snapshot', 'after-one');

  // Run starts from the Proto-Faaslet again.
  await playground.run();
  await playground.expectStatus(/ok/i);
  await expect(playground.output('output.text')).toHaveText('calls=1');
  await playground.showCalls();
  await playground.callNodes().first().click();
  await expect(playground.output('calls.detail.snapshot')).toHaveText("the function's Proto-Faaslet");
});
