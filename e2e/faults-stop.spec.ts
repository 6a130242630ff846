/**
 * Issue 14, item 1, as a person sees it: a chained call spinning on a mapped state counter is
 * stopped; once the page shows it stopped, the counter never changes again (a Faaslet Worker
 * that was only terminated kept writing for ~2 s, DESIGN.md).
 */
import { expect, test, type Playground } from './fixtures';

const SPINNER_C = `#include "faasm/faasm.h"
#include <stdint.h>
int main(int argc, char* argv[]) {
    volatile int32_t* counter = (volatile int32_t*)faasmReadStatePtr("spins", 4);
    for (;;) *counter += 1;
    return 0;
}
`;

const PARENT_C = `#include "faasm/faasm.h"
int main(int argc, char* argv[]) {
    unsigned int id = faasmChainNamed("spinner", 0, 0);
    return faasmAwaitCall(id);
}
`;

const READER_C = `#include "faasm/faasm.h"
#include <stdint.h>
#include <stdio.h>
int main(int argc, char* argv[]) {
    int32_t* counter = (int32_t*)faasmReadStatePtr("spins", 4);
    char out[32];
    faasmSetOutput((uint8_t*)out, snprintf(out, sizeof out, "%d", (int)*counter));
    return 0;
}
`;

async function spins(playground: Playground): Promise<number> {
  await playground.selectFunction('demo/spinreader');
  await playground.run();
  await playground.expectStatus(/ok/i);
  return Number(await playground.output('output.text').textContent());
}

test('a stopped chained call writes nothing to shared state after the page shows it stopped', async ({ playground }) => {
  test.setTimeout(300_000);
  await playground.open();
  await playground.createFunction('demo/spinner', SPINNER_C);
  await playground.createFunction('demo/spinparent', PARENT_C);
  await playground.createFunction('demo/spinreader', READER_C);
  await playground.buildAll();

  await playground.selectFunction('demo/spinparent');
  await playground.run();
  await playground.showCalls();
  const child = playground.callNodes().and(playground.page.locator('[data-function="demo/spinner"]'));
  await expect(child).toHaveAttribute('data-status', 'running');
  // The State tab reads the arena each time it is shown: wait until the spinner is counting.
  await expect
    .poll(async () => {
      await playground.page.getByTestId('output.tab.calls').click();
      await playground.page.getByTestId('output.tab.state').click();
      await playground.output('state.key.spins').click();
      return Number(await playground.output('state.i32').textContent());
    })
    .toBeGreaterThan(0);
  await playground.page.getByTestId('stop.button').click();
  await playground.expectStatus(/stopped/i);
  await expect(child).not.toHaveAttribute('data-status', 'running');

  // Read by later calls in other Faaslets, one after another: the value they see never moves.
  const first = await spins(playground);
  expect(first).toBeGreaterThan(0);
  for (let read = 0; read < 4; read++) expect(await spins(playground)).toBe(first);
});
