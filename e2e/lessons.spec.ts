/** Each lesson opened from the Lessons menu and run with its one button; what it claims, checked. */
import { expect, test, type Playground } from './fixtures';

async function openAndRun(playground: Playground, lesson: number) {
  const { page } = playground;
  await page.getByTestId('lessons.button').click();
  await page.locator(`[data-testid="lessons.item"][data-lesson="${lesson}"]`).click();
  await expect(playground.output('lesson.panel')).toBeVisible();
  await page.getByTestId('lesson.run').click();
  await playground.expectStatus(/ok/i, 180_000);
  await page.screenshot({ path: `e2e/screenshots/lesson-${lesson}.png` });
}

const nodes = (playground: Playground, status: string) =>
  playground.page.locator(`[data-testid="calls.node"][data-status="${status}"]`);

test('lesson 1: leaving private memory traps, and a foreign pointer reads only the Faaslet\'s own bytes', async ({ playground }) => {
  await playground.open();
  await openAndRun(playground, 1);
  const lines = ((await playground.output('output.text').textContent()) ?? '').split('\n');
  expect(lines[0]).toBe('write past the end of memory 0: trapped');
  expect(lines[1]).toBe('read 0x7ffffff0: trapped');
  expect(lines[2]).toMatch(/^Faaslet B read "" at 0x[0-9a-f]+, where Faaslet A keeps "the secret of Faaslet A"$/);
  await expect(nodes(playground, 'trapped')).toHaveCount(2);
  await nodes(playground, 'trapped').first().click();
  await expect(playground.output('calls.detail.message')).toContainText('memory access out of bounds');
});

test('lesson 2: every attack ends only itself: traps, a kill, a refusal, NULL from malloc, and the heartbeat is fine', async ({ playground }) => {
  test.setTimeout(240_000);
  await playground.open();
  await openAndRun(playground, 2);
  const text = (await playground.output('output.text').textContent()) ?? '';
  expect(text).toMatch(/^memory bomb: return code 0, malloc returned NULL after \d+ MiB$/m);
  expect(text).toMatch(/^heartbeat: return code 0, still beating$/m);
  for (const attack of ['out-of-bounds store', 'bad host pointer', 'corrupted function pointer', 'infinite loop', 'stack overflow', 'chain bomb']) {
    expect(text).toMatch(new RegExp(`^${attack}: return code [1-9]\\d*$`, 'm'));
  }
  await expect(nodes(playground, 'trapped')).toHaveCount(4);
  await expect(nodes(playground, 'killed')).toHaveCount(1);
  await expect(nodes(playground, 'refused')).toHaveCount(1);
});

test('lesson 3: mapped state is shared with no copy; copies are not', async ({ playground }) => {
  await playground.open();
  await openAndRun(playground, 3);
  await expect(playground.output('output.text')).toHaveText('hello from A and hello from B');
  await playground.selectFunction('lesson3/copies');
  await playground.run();
  await playground.expectStatus(/ok/i);
  await expect(playground.output('output.text')).toHaveText('A reads back: "hello from A" (B\'s change stayed in B\'s copy)');
});

test('lesson 4: without the lock updates are lost; with it the counter is exactly 200,000', async ({ playground }) => {
  test.setTimeout(240_000);
  await playground.open();
  await openAndRun(playground, 4);
  let lost = Number(/(\d+) updates lost/.exec((await playground.output('output.text').textContent()) ?? '')?.[1]);
  // Lost updates need the two adders to interleave; on a busy machine one run may not show it.
  for (let attempt = 0; attempt < 5 && lost === 0; attempt++) {
    await playground.run();
    await playground.expectStatus(/ok/i);
    lost = Number(/(\d+) updates lost/.exec((await playground.output('output.text').textContent()) ?? '')?.[1]);
  }
  expect(lost).toBeGreaterThan(0);
  await playground.setInput('lock');
  await playground.run();
  await playground.expectStatus(/ok/i);
  await expect(playground.output('output.text')).toHaveText('counter = 200000 (with the write lock; 0 updates lost)');

  // Across hosts, through the global tier, under the global write lock: exact too.
  await playground.selectFunction('lesson4/global_counter');
  await playground.run();
  await playground.expectStatus(/ok/i, 180_000);
  await expect(playground.output('output.text')).toHaveText(/^global counter = (\d+) \(was (\d+); \+40000 from 4 Faaslets\)$/);
});

test('lesson 5: a map-reduce word count fans out by name and by pointer, in parallel, and fans in with outputs', async ({ playground }) => {
  await playground.open();
  await openAndRun(playground, 5);
  await expect(playground.output('output.text')).toHaveText(
    '9 words (total says 9), 8 distinct: the=2 quick=1 brown=1 fox=1 jumps=1 over=1 lazy=1 dog=1',
  );
  await expect(playground.callNodes()).toHaveCount(11);
  const mappers = playground.page.locator('[data-testid="calls.node"][data-function="lesson5/mapper"]');
  await expect(mappers).toHaveCount(9);

  // The fan-out ran in parallel: some two mapper calls were running at the same time.
  const spans = await mappers.evaluateAll((rows) =>
    rows.map((row): [number, number] => [Number((row as HTMLElement).dataset.startedAt), Number((row as HTMLElement).dataset.finishedAt)]),
  );
  expect(spans.every(([from, to]) => from > 0 && to >= from)).toBe(true);
  const overlapping = spans.some(([from, to], i) => spans.some(([otherFrom, otherTo], j) => i !== j && from < otherTo && otherFrom < to));
  expect(overlapping).toBe(true);

  // A person edits the text, key by key, and runs the lesson again.
  const input = playground.output('input.field');
  await input.click();
  await input.press('ControlOrMeta+A');
  await input.pressSequentially('To be or not to be');
  await expect(input).toHaveValue('To be or not to be');
  await playground.page.getByTestId('lesson.run').click();
  await playground.expectStatus(/ok/i);
  await expect(playground.output('output.text')).toHaveText('6 words (total says 6), 4 distinct: to=2 be=2 or=1 not=1');
  await expect(mappers).toHaveCount(6);
});

test('lesson 6: the zygote runs once; restored and warm starts skip it, and start faster than cold', async ({ playground }) => {
  await playground.open();
  await openAndRun(playground, 6);
  // The zygote's table, as the C code fills it: every call must read exactly this.
  let sum = 0;
  for (let i = 0; i < 256 * 1024; i++) {
    let x = i;
    for (let r = 0; r < 48; r++) x = Math.imul(x ^ (x >>> 16), 0x45d9f3b) >>> 0;
    sum ^= (x + i) >>> 0;
  }
  const checksum = (sum >>> 0).toString(16).padStart(8, '0');
  await expect(playground.output('output.text')).toHaveText(
    [`main: ${checksum} zygotes=1 calls=1`, ...Array(3).fill(`check: ${checksum} zygotes=1 calls=1`)].join('\n'),
  );
  const row = playground.page.locator('[data-testid="protos.row"][data-function="lesson6/zygote"]');
  await expect(row.getByTestId('protos.zygotes')).toHaveText('1');
  await expect(row.getByTestId('protos.restored')).toHaveText('3');

  // The lesson's table: this run's start times by kind, beside the paper's Table 3.
  const starts = playground.output('lesson.starts');
  const kind = (name: string) => starts.locator(`[data-testid="lesson.starts.row"][data-kind="${name}"]`);
  await expect(kind('cold')).toHaveAttribute('data-count', '1');
  await expect(kind('restored')).toHaveAttribute('data-count', '3');
  await expect(kind('cold')).toContainText(/\d ms \(1 call\)\s*Faaslet init 5\.2 ms/);
  await expect(kind('restored')).toContainText(/\d ms \(3 calls\)\s*Proto-Faaslet 0\.5 ms/);
  await expect(starts).toContainText('2.8 s');
  const ms = async (name: string) => Number(await kind(name).getAttribute('data-ms'));
  expect(await ms('restored')).toBeLessThan(await ms('cold'));
  await playground.page.screenshot({ path: 'e2e/screenshots/lesson-6.png' });

  await playground.page.getByTestId('lesson.run').click();
  await playground.expectStatus(/ok/i);
  await expect(row.getByTestId('protos.warm')).toHaveText('4');
  await expect(row.getByTestId('protos.zygotes')).toHaveText('1');
  await expect(kind('warm')).toHaveAttribute('data-count', '4');
  await expect(kind('cold')).toHaveAttribute('data-count', '0');
  await playground.page.screenshot({ path: 'e2e/screenshots/lesson-6-warm.png' });
});

test('lesson 7: SGD converges with shared weights and with copies; shared holds less memory, measured; the lesson\'s CPU limit goes when it closes', async ({ playground }) => {
  test.setTimeout(240_000);
  await playground.open();
  await playground.setLimit(7000);
  await openAndRun(playground, 7);
  await expect(playground.output('limit.field')).toHaveValue('10000');
  // The labels' noise puts the best possible loss at 0.005; 0.05 is ten times that, where the
  // model explains 99.6% of the starting loss (~12). Both variants get close to 0.005.
  const converges = async () => {
    const text = (await playground.output('output.text').textContent()) ?? '';
    const [, first, last] = /^loss ([\d.]+) -> ([\d.]+) in \d+ ms$/m.exec(text) ?? [];
    expect(text).toMatch(/^threshold 0\.05 reached at \d+ ms$/m);
    expect(Number(last)).toBeLessThan(0.05);
    expect(Number(first)).toBeGreaterThan(Number(last));
  };
  const plot = playground.output('lesson.plot');
  const loss = (variant: string) => plot.locator(`[data-testid="lesson.plot.series"][data-key="sgd_loss_${variant}"]`);
  const memory = (variant: string) => plot.locator(`[data-testid="lesson.memory.series"][data-key="${variant}"]`);
  // The peak the page measured (runtime memoryUsage) while that variant ran, from several samples.
  const peak = async (variant: string) => {
    await expect(memory(variant)).not.toHaveAttribute('data-samples', /^[0-2]$/);
    return Number(await memory(variant).getAttribute('data-peak-bytes'));
  };
  await converges();
  await expect(plot.getByTestId('lesson.plot.loss').locator('canvas')).toBeVisible();
  await expect(plot.getByTestId('lesson.plot.memory').locator('canvas')).toBeVisible();
  await expect(loss('shared')).not.toHaveAttribute('data-points', /^[01]$/);
  const shared = await peak('shared');

  await playground.setInput('copy');
  await playground.run();
  // The plots grow while the call runs, not only when it ends.
  await expect(loss('copy')).not.toHaveAttribute('data-points', /^[01]$/);
  await expect(memory('copy')).toHaveAttribute('data-samples', /^[1-9]\d*$/);
  await expect(playground.output('output.status')).toHaveText(/running/i);
  await playground.expectStatus(/ok/i);
  await converges();
  const copy = await peak('copy');
  // Both hold the data set once in the local tier (19.6 MiB); copy also holds four private shards.
  expect(shared).toBeGreaterThan(19 << 20);
  expect(shared).toBeLessThan(copy);
  await playground.page.screenshot({ path: 'e2e/screenshots/lesson-7-copy.png' });

  // The lesson's CPU-time limit was the lesson's: closing it puts the person's back.
  await playground.page.getByRole('button', { name: 'Close the lesson' }).click();
  await expect(playground.output('lesson.panel')).toHaveCount(0);
  await expect(playground.output('limit.field')).toHaveValue('7000');
});
