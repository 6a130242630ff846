import { expect, test } from './fixtures';

test('two Faaslets show the shared counter at the same window address, backed by the same bytes', async ({ playground }) => {
  const { page } = playground;
  await playground.open();
  await playground.selectFunction('demo/counter');
  await playground.run();
  await playground.expectStatus(/ok/i);
  await expect(playground.output('output.text')).toHaveText('counter = 200000 (with the write lock; 0 updates lost)');

  await page.getByTestId('output.tab.cluster').click();
  // main is one adder and chains the other: two Faaslets of demo/counter (lesson 4's counter).
  const cards = page.locator('[data-testid="cluster.faaslet"][data-function="demo/counter"]');
  await expect(cards).toHaveCount(2);
  await cards.nth(0).click();
  await page.getByTestId('output.tab.cluster').click();
  await cards.nth(1).click();

  const panels = page.getByTestId('memory.panel');
  await expect(panels).toHaveCount(2);
  for (const panel of await panels.all()) {
    await expect(panel.getByTestId('memory.map')).toHaveAttribute('aria-label', /shared window: .*counter/);
    await panel.getByTestId('memory.key.counter').click();
    await expect(panel.getByTestId('hex.address')).toHaveValue('0x80000000');
    await expect(panel.getByTestId('hex.dump')).toContainText('80000000  40 0d 03 00');
    await expect(panel.locator('[data-type="i32"] dd')).toHaveText('200000');
  }

  // Private memory is each Faaslet's own: go to the stack and follow nothing shared.
  const first = panels.first();
  await first.getByTestId('hex.address').fill('0x1000');
  await first.getByTestId('hex.address').press('Enter');
  await expect(first.getByTestId('hex.dump')).toContainText('00001000  ');
  await first.getByTestId('hex.address').fill('not an address');
  await first.getByTestId('hex.address').press('Enter');
  await expect(first).toContainText('is not an address');
});
