import { expect, test, type Playground } from './fixtures';

/** Memory that depends on the input, so two calls leave different pages behind. */
const SCRATCH_C = `#include "faasm/faasm.h"
#include <string.h>
static char scratch[256 * 1024];
int main(int argc, char* argv[]) {
    char c = 'x';
    faasmGetInput((uint8_t*)&c, 1);
    memset(scratch, c, sizeof(scratch));
    faasmSetOutput(scratch, 8);
    return 0;
}
`;

async function showProtos(playground: Playground) {
  await playground.page.getByTestId('output.tab.protos').click();
  await expect(playground.output('protos.view')).toBeVisible();
}

const protoRow = (playground: Playground, fn: string) =>
  playground.page.locator(`[data-testid="protos.row"][data-function="${fn}"]`);

test('a zygote runs once: Faaslets restored from the Proto-Faaslet see its 1 MiB table, and warm calls start from it too', async ({ playground }) => {
  await playground.open();
  await playground.selectFunction('demo/zygote');
  await playground.run();
  await playground.expectStatus(/ok/i);
  const text = (await playground.output('output.text').textContent()) ?? '';
  const lines = text.split('\n');
  expect(lines).toHaveLength(4);
  const checksum = /^main: ([0-9a-f]{8}) zygotes=1 calls=1$/.exec(lines[0]!)?.[1];
  expect(checksum, lines[0]).toBeDefined();
  for (const line of lines.slice(1)) expect(line).toBe(`check: ${checksum} zygotes=1 calls=1`);

  await showProtos(playground);
  const row = protoRow(playground, 'demo/zygote');
  await expect(row.getByTestId('protos.zygotes')).toHaveText('1');
  await expect(row.getByTestId('protos.cold')).toHaveText('1');
  await expect(row.getByTestId('protos.restored')).toHaveText('3');
  await expect(row.getByTestId('protos.image')).toContainText('non-zero pages kept');

  // Again: every Faaslet now holds the module, so they start warm, reset from the image.
  await playground.run();
  await playground.expectStatus(/ok/i);
  await expect(playground.output('output.starttime')).toContainText('(warm)');
  await expect(playground.output('output.text')).toHaveText(text);
  await showProtos(playground);
  await expect(row.getByTestId('protos.zygotes')).toHaveText('1');
  await expect(row.getByTestId('protos.cold')).toHaveText('1');
});

test('snapshot a Faaslet, change its memory, diff, restore: the memory equals the snapshot again', async ({ playground }) => {
  await playground.open();
  await playground.createFunction('demo/scratch', SCRATCH_C);
  await playground.setInput('a');
  await playground.run();
  await playground.expectStatus(/ok/i);
  await expect(playground.output('output.text')).toHaveText('aaaaaaaa');

  await showProtos(playground);
  await playground.output('snapshot.name').fill('after-a');
  await playground.output('snapshot.take').click();
  const snapshot = playground.page.locator('[data-testid="snapshot.row"][data-name="after-a"]');
  await expect(snapshot).toBeVisible();

  await playground.setInput('b');
  await playground.run();
  await playground.expectStatus(/ok/i);
  await expect(playground.output('output.text')).toHaveText('bbbbbbbb');

  await showProtos(playground);
  await snapshot.getByTestId('snapshot.diff').click();
  // 256 KiB of 'b' over 'a': at least the four pages of the buffer differ.
  await expect(playground.output('snapshot.diff.summary')).toHaveText(/: ([4-9]|\d\d+) of \d+ pages differ/);
  await snapshot.getByTestId('snapshot.restore').click();
  await expect(playground.output('snapshot.diff.summary')).toHaveText(/: 0 of \d+ pages differ$/);
  await expect(playground.output('snapshot.error')).toHaveCount(0);
});

test('a rebuild invalidates the Proto-Faaslet, and the next call starts cold', async ({ playground }) => {
  await playground.open();
  await playground.selectFunction('demo/hello');
  await playground.run();
  await playground.expectStatus(/ok/i);
  await showProtos(playground);
  const row = protoRow(playground, 'demo/hello');
  await expect(row.getByTestId('protos.image')).toContainText('MiB memory');

  await playground.typeAtTop('// rebuilt\n');
  await playground.build();
  await expect(row.getByTestId('protos.image')).toHaveText(/^none yet/);
  await playground.run();
  await playground.expectStatus(/ok/i);
  await expect(playground.output('output.starttime')).toContainText('(cold)');
  await showProtos(playground);
  await expect(row.getByTestId('protos.image')).toContainText('MiB memory');
});
