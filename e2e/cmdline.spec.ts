import { expect, test } from './fixtures';

/** Prints argc and every argv entry in brackets, so an empty argument shows as []. */
const ARGS_C = `#include "faasm/faasm.h"
#include <stdio.h>
#include <string.h>
int main(int argc, char* argv[]) {
    char out[512];
    int len = snprintf(out, sizeof(out), "argc=%d", argc);
    for (int i = 0; i < argc; i++) len += snprintf(out + len, sizeof(out) - len, " [%s]", argv[i]);
    printf("%s\\n", out);
    if (faasmGetInputSize() == 0) {
        unsigned id = faasmChainNamed("args", (const uint8_t*)"child", 5);
        char* child = 0;
        int childLen = 0;
        if (faasmAwaitCallOutput(id, &child, &childLen) != 0) return 1;
        len += snprintf(out + len, sizeof(out) - len, "\\n%.*s", childLen, child);
    }
    faasmSetOutput(out, len);
    return 0;
}
`;

test('the command line typed beside Input reaches argv, split on every space as Faasm splits it', async ({ playground }) => {
  const { page } = playground;
  await playground.open();
  await playground.createFunction('demo/args', ARGS_C);
  await page.getByTestId('cmdline.field').fill('10 hello  world');
  await playground.run();
  await playground.expectStatus(/ok/i);
  // Faasm's chain by name sends no command line: the chained call's argc is 1.
  await expect(playground.output('output.text')).toHaveText(
    'argc=5 [function.wasm] [10] [hello] [] [world]\nargc=1 [function.wasm]',
  );

  await playground.showCalls();
  await playground.callNodes().first().click();
  const argv = playground.output('calls.detail.argv').locator('code');
  await expect(argv).toHaveText(['function.wasm', '10', 'hello', '', 'world']);

  // Asked for, the chained call gets its own function's command line too.
  await page.getByTestId('cmdline.chained').check();
  await page.getByTestId('cmdline.field').fill('-n 3');
  await playground.run();
  await playground.expectStatus(/ok/i);
  await expect(playground.output('output.text')).toHaveText('argc=3 [function.wasm] [-n] [3]\nargc=3 [function.wasm] [-n] [3]');

  // The command line is kept with the function across a reload.
  await page.reload();
  await expect(page.getByTestId('function.current')).toHaveText('demo/args');
  await expect(page.getByTestId('cmdline.field')).toHaveValue('-n 3');
});
