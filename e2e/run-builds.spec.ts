import { expect, test } from './fixtures';

test('Run on a fan-out with stale children builds them first and succeeds', async ({ playground }) => {
  await playground.open();
  await playground.selectFunction('demo/fan_out');
  await playground.run();
  await playground.expectStatus(/ok/i, 240_000);
  await expect(playground.output('output.text')).toHaveText('1496');
  await expect(playground.output('output.built')).toContainText('demo/fan_out, demo/square');
  await expect(playground.output('output.chained')).toContainText('16 chained calls, all ok');

  // Nothing is stale now: a second Run builds nothing.
  await playground.run();
  await playground.expectStatus(/ok/i);
  await expect(playground.output('output.text')).toHaveText('1496');
  await expect(playground.output('output.built')).toHaveCount(0);
});
