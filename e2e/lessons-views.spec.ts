/**
 * The lesson panel as a person reads it: popped out and back in, its address links jumping the
 * Memory tab, and the views a lesson opens showing the lesson's own functions and keys first.
 */
import { expect, test, type Playground } from './fixtures';

async function openLesson(playground: Playground, lesson: number) {
  const { page } = playground;
  await page.getByTestId('lessons.button').click();
  await page.locator(`[data-testid="lessons.item"][data-lesson="${lesson}"]`).click();
  await expect(page.getByTestId('lesson.panel')).toHaveAttribute('aria-label', new RegExp(`^Lesson ${lesson}: `));
}

async function runLesson(playground: Playground) {
  await playground.page.getByTestId('lesson.run').click();
  await playground.expectStatus(/ok/i, 180_000);
}

async function setLargeText(playground: Playground, on: boolean) {
  const toggle = playground.page.getByTestId('size.toggle');
  if ((await toggle.getAttribute('aria-pressed')) !== String(on)) await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', String(on));
}

test('the lesson pops out over the page, moves by its bar, follows large text and pops back in', async ({ playground }) => {
  const { page } = playground;
  await playground.open();
  await openLesson(playground, 2);
  const panel = page.getByTestId('lesson.panel');
  const docked = (await panel.boundingBox())!;

  await page.getByTestId('lesson.popout').click();
  await expect(panel).toHaveAttribute('data-popped', 'true');
  await expect(panel).toHaveCSS('position', 'fixed');
  await expect(panel.getByText('What to watch.')).toBeVisible();
  const floating = (await panel.boundingBox())!;

  // Dragged by its bar (not by a button on it), it goes where the pointer takes it.
  const grip = page.getByTestId('lesson.bar').getByText('Lesson 2');
  const from = (await grip.boundingBox())!;
  await page.mouse.move(from.x + 5, from.y + 5);
  await page.mouse.down();
  await page.mouse.move(from.x - 195, from.y + 45, { steps: 5 });
  await page.mouse.up();
  await expect.poll(async () => Math.round((await panel.boundingBox())!.x - floating.x)).toBe(-200);
  expect(Math.round((await panel.boundingBox())!.y - floating.y)).toBe(40);
  await page.screenshot({ path: 'e2e/screenshots/lesson-popped.png' });

  // Large text enlarges the floating panel as it does the docked one.
  await setLargeText(playground, true);
  await expect.poll(async () => (await panel.boundingBox())!.width / floating.width).toBeCloseTo(1.2, 1);
  await page.screenshot({ path: 'e2e/screenshots/lesson-popped-large.png' });
  await setLargeText(playground, false);

  await page.getByTestId('lesson.popin').click();
  await expect(panel).toHaveAttribute('data-popped', 'false');
  await expect(panel).toHaveCSS('position', 'static');
  const back = (await panel.boundingBox())!;
  expect([back.x, back.width]).toEqual([docked.x, docked.width]);
  await expect(page.getByTestId('lesson.popout')).toBeVisible();
});

test("lesson 1: the secret's address is a link that takes the Memory tab there, in each Faaslet opened", async ({ playground }) => {
  const { page } = playground;
  await playground.open();
  await openLesson(playground, 1);
  // Before the run there is no address to link to, and the text says so.
  await expect(page.getByTestId('lesson.body')).toContainText('its address (run the lesson first)');
  await runLesson(playground);
  const printed = /at (0x[0-9a-f]+), where Faaslet A keeps/.exec((await page.getByTestId('output.text').textContent()) ?? '')?.[1];
  expect(printed).toBeDefined();
  const padded = `0x${printed!.slice(2).padStart(8, '0')}`;

  // Away from the Memory tab, the link brings it back, at the address, marked, with the address box filled.
  await playground.showCalls();
  const link = page.getByTestId('lesson.body').locator(`[data-testid="lesson.address"][data-address="${padded}"]`).first();
  await expect(link).toHaveText(padded);
  await link.click();
  await expect(page.getByTestId('memory.view')).toBeVisible();
  const panel = page.getByTestId('memory.panel').first();
  await expect(panel.getByTestId('hex.address')).toHaveValue(padded);
  await expect(panel.getByTestId('memory.dump')).toHaveAttribute('data-jumped', padded);
  await expect(panel.getByTestId('hex.dump')).toHaveText(new RegExp(`^${padded.slice(2)} `));
  await expect(panel.getByTestId('hex.dump')).toContainText('the secret');
  await expect(panel.getByTestId('memory.dump')).toBeInViewport();

  // Going elsewhere by hand clears the mark.
  await panel.getByTestId('hex.address').fill('0x00000000');
  await panel.getByTestId('hex.address').press('Enter');
  await expect(panel.getByTestId('memory.dump')).not.toHaveAttribute('data-jumped', /./);

  // An inline address in the text is a link too.
  await page.getByTestId('lesson.body').locator('[data-testid="lesson.address"][data-address="0x80000000"]').first().click();
  await expect(panel.getByTestId('hex.address')).toHaveValue('0x80000000');
  await expect(panel.getByTestId('memory.dump')).toHaveAttribute('data-jumped', '0x80000000');
  await page.screenshot({ path: 'e2e/screenshots/lesson-1-jump.png' });
});

test("the Protos tab lists the open lesson's functions first, others below it, dimmed", async ({ playground }) => {
  const { page } = playground;
  await playground.open();
  await playground.selectFunction('demo/zygote');
  await playground.run();
  await playground.expectStatus(/ok/i, 180_000);
  await openLesson(playground, 6);
  await runLesson(playground);
  await page.getByTestId('output.tab.protos').click();
  const rows = page.getByTestId('protos.view').locator('tbody').first().locator('tr');
  await expect(rows.first()).toHaveAttribute('data-function', 'lesson6/zygote');
  await expect(rows.nth(1)).toHaveAttribute('data-testid', 'protos.others');
  await expect(rows.nth(1)).toContainText('not this lesson');
  const demo = page.locator('[data-testid="protos.row"][data-function="demo/zygote"]');
  await expect(demo).toHaveClass(/proto-view__row--other/);
  await expect(page.locator('[data-testid="protos.row"][data-function="lesson6/zygote"]')).not.toHaveClass(/other/);
  await page.screenshot({ path: 'e2e/screenshots/lesson-6-protos.png' });
});

test("the global tier shows the lesson's keys first and whose each row is", async ({ playground }) => {
  test.setTimeout(240_000);
  const { page } = playground;
  await playground.open();
  await playground.selectFunction('demo/global_counter');
  await playground.run();
  await playground.expectStatus(/ok/i, 180_000);
  await openLesson(playground, 4);
  await playground.selectFunction('lesson4/global_counter');
  await playground.run();
  await playground.expectStatus(/ok/i, 180_000);
  await page.getByTestId('output.tab.state').click();
  const rows = page.getByTestId('state.global').locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toHaveAttribute('data-user', 'lesson4');
  await expect(rows.nth(0).getByTestId('state.global.owner')).toHaveText('lesson4 (this lesson)');
  await expect(rows.nth(1)).toHaveAttribute('data-user', 'demo');
  await expect(rows.nth(1).getByTestId('state.global.owner')).toHaveText('demo');
  for (const row of [rows.nth(0), rows.nth(1)]) await expect(row).toHaveAttribute('data-testid', 'state.global.key.global_counter');
  await page.screenshot({ path: 'e2e/screenshots/lesson-4-global-owners.png' });
});

test('each lesson, opened, at 1280 × 800 and in large text (screenshots for review)', async ({ playground }) => {
  const { page } = playground;
  await playground.open();
  for (let lesson = 1; lesson <= 9; lesson++) {
    await openLesson(playground, lesson);
    await expect(page.getByTestId('lesson.body').locator('h1')).toBeVisible();
    await page.screenshot({ path: `e2e/screenshots/lesson-${lesson}-open.png` });
    await setLargeText(playground, true);
    await page.screenshot({ path: `e2e/screenshots/lesson-${lesson}-open-large.png` });
    await setLargeText(playground, false);
  }
});
