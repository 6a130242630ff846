/**
 * Every view after a real run, photographed at 1280×800 into e2e/screenshots/ for review
 * (look at them after changing the UI). Each picture is taken only once its view shows data.
 */
import { expect, test } from './fixtures';

const shot = (name: string) => ({ path: `e2e/screenshots/${name}.png` });

test('screenshots of the output, calls, state, cluster, memory, Proto-Faaslets and build views after real runs', async ({ playground }) => {
  test.setTimeout(240_000);
  const { page } = playground;
  await playground.open();
  await playground.selectFunction('demo/counter');
  await playground.run();
  await playground.expectStatus(/ok/i);
  await page.screenshot(shot('output'));

  await playground.showCalls();
  // main is one adder and chains the other (lesson 4's counter): two calls, two Faaslets.
  await expect(playground.callNodes()).toHaveCount(2);
  await page.screenshot(shot('calls'));

  await page.getByTestId('output.tab.state').click();
  await playground.output('state.key.counter').click();
  await expect(playground.output('state.i32')).toHaveText('200000');
  await page.screenshot(shot('state'));

  await page.getByTestId('output.tab.cluster').click();
  const cards = page.locator('[data-testid="cluster.faaslet"][data-function="demo/counter"]');
  await expect(cards).toHaveCount(2);
  await page.screenshot(shot('cluster'));
  await cards.nth(0).click();
  await page.getByTestId('memory.key.counter').click();
  await page.screenshot(shot('memory'));
  await page.getByTestId('output.tab.cluster').click();
  await cards.nth(1).click();
  await expect(page.getByTestId('memory.panel')).toHaveCount(2);
  await page.screenshot(shot('memory-two'));

  await playground.selectFunction('demo/zygote');
  await playground.run();
  await playground.expectStatus(/ok/i);
  await page.getByTestId('output.tab.protos').click();
  await playground.output('snapshot.take').click();
  await page.getByTestId('snapshot.diff').click();
  await expect(playground.output('snapshot.diff.summary')).toContainText('0 of');
  await page.screenshot(shot('protos'));

  await page.getByTestId('output.tab.log').click();
  await expect(playground.output('build.rewrite')).toContainText('rewritten');
  await page.screenshot(shot('build'));

  // Projector mode and the light theme, on the memory map.
  await page.getByTestId('output.tab.memory').click();
  await page.getByTestId('size.toggle').click();
  await page.getByTestId('theme.toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-size', 'large');
  await page.screenshot(shot('memory-large-light'));
});
