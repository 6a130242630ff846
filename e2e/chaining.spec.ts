import { expect, test } from './fixtures';

const CRASH_C = `#include "faasm/faasm.h"
__attribute__((noinline)) void crash(void) { __builtin_trap(); }
int main(int argc, char* argv[]) { crash(); return 0; }
`;

const PARENT_C = `#include "faasm/faasm.h"
#include <stdio.h>
int main(int argc, char* argv[]) {
    unsigned int id = faasmChainNamed("crash", (const uint8_t*)"x", 1);
    unsigned int rc = faasmAwaitCall(id);
    char text[64];
    int len = snprintf(text, sizeof(text), "child returned %u", rc);
    faasmSetOutput(text, len);
    return 0;
}
`;

const BOMB_C = `#include "faasm/faasm.h"
int main(int argc, char* argv[]) {
    unsigned int id = faasmChainNamed("bomb", 0, 0);
    return faasmAwaitCall(id) == 0 ? 0 : 1;
}
`;

test('fan-out of 16 chained calls sums to 1496, with 17 calls in the tree and a timeline', async ({ playground }) => {
  await playground.open();
  await playground.buildAll();
  await playground.selectFunction('demo/fan_out');
  await playground.run();
  await playground.expectStatus(/ok/i);
  await expect(playground.output('output.text')).toHaveText('1496');
  await expect(playground.output('output.chained')).toContainText('16 chained calls, all ok');

  await playground.showCalls();
  const nodes = playground.callNodes();
  await expect(nodes).toHaveCount(17);
  await expect(nodes.first()).toHaveAttribute('data-function', 'demo/fan_out');
  await expect(nodes.and(playground.page.locator('[data-function="demo/square"][data-status="ok"]'))).toHaveCount(16);
  await expect(playground.output('calls.timeline')).toBeVisible();
  await expect(playground.output('calls.timeline')).toHaveAttribute('data-calls', '17');

  // A child's own output, in the detail pane.
  await nodes.nth(16).click();
  await expect(playground.output('calls.detail.output')).toHaveText('256');
});

test('a function chains a function of its own module by pointer', async ({ playground }) => {
  await playground.open();
  await playground.selectFunction('demo/chain_ptr');
  await playground.setInput('5');
  await playground.run();
  await playground.expectStatus(/ok/i);
  await expect(playground.output('output.text')).toHaveText('5 cubed is 125');
  await playground.showCalls();
  await expect(playground.callNodes()).toHaveCount(2);
  await expect(playground.callNodes().nth(1)).toHaveAttribute('data-status', 'ok');
});

test('a trapping child gives its parent a non-zero result, and the page stays usable', async ({ playground }) => {
  await playground.open();
  await playground.createFunction('demo/crash', CRASH_C);
  await playground.createFunction('demo/parent', PARENT_C);
  await playground.buildAll();
  await playground.run();
  await playground.expectStatus(/ok/i);
  await expect(playground.output('output.text')).toHaveText('child returned 1');
  await expect(playground.output('output.chained')).toContainText(/demo\/crash #\d+: .*unreachable/);

  await playground.showCalls();
  const child = playground.callNodes().nth(1);
  await expect(child).toHaveAttribute('data-status', 'trapped');
  await expect(child).toContainText('unreachable');

  await playground.selectFunction('demo/hello');
  await playground.setInput('again');
  await playground.run();
  await playground.expectStatus(/ok/i);
  await expect(playground.output('output.text')).toHaveText('Hello, again!');
  await expect(playground.callNodes()).toHaveCount(1);
});

test('a recursive chain bomb is stopped by the depth limit with a clear message', async ({ playground }) => {
  test.setTimeout(240_000);
  await playground.open();
  await playground.createFunction('demo/bomb', BOMB_C);
  await playground.run();
  await playground.expectStatus(/failed/i, 180_000);
  await expect(playground.output('output.chained')).toContainText(/depth .* exceeds the limit of 64/);

  await playground.showCalls();
  const refused = playground.callNodes().and(playground.page.locator('[data-status="refused"]'));
  await expect(refused).toHaveCount(1);
  await expect(refused).toContainText(/depth .* exceeds the limit of 64/);
});
