import { mkdirSync } from 'node:fs';
import { expect, test } from './fixtures';

const SHOTS = 'test-results/screenshots';
mkdirSync(SHOTS, { recursive: true });

interface Box { what: string; x: number; y: number; width: number; height: number }

/** Every visible control of the top bar and the panels (Monaco's own inner widgets aside), with its box. */
const controlBoxes = (): Box[] =>
  [...document.querySelectorAll<HTMLElement>('.app button, .app input, .app select, .app textarea, .app [role="tab"], .app [role="separator"]')]
    .filter((el) => !el.closest('.monaco-editor') && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden')
    .map((el) => {
      const r = el.getBoundingClientRect();
      const what = el.dataset.testid ?? el.getAttribute('aria-label') ?? `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 20)}"`;
      return { what, x: r.x, y: r.y, width: r.width, height: r.height };
    })
    .filter((b) => b.width > 0 && b.height > 0);

const overlap = (a: Box, b: Box) =>
  Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x) > 1 && Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y) > 1;

for (const [width, height] of [[1024, 768], [1280, 800]] as const) {
  test(`at ${width}×${height} no control overlaps another or leaves the window`, async ({ playground }) => {
    const { page } = playground;
    await page.setViewportSize({ width, height });
    await playground.open();
    await page.screenshot({ path: `${SHOTS}/layout-${width}x${height}.png` });
    const boxes = await page.evaluate(controlBoxes);
    expect(boxes.length).toBeGreaterThan(10);
    const nested = (a: Box, b: Box) => a.x >= b.x && a.y >= b.y && a.x + a.width <= b.x + b.width && a.y + a.height <= b.y + b.height;
    const clashes: string[] = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i]!, boxes[j]!];
        // A control inside another (a checkbox in its label's button) is one control.
        if (overlap(a, b) && !nested(a, b) && !nested(b, a)) clashes.push(`${a.what} overlaps ${b.what}`);
      }
    }
    expect(clashes).toEqual([]);
    const outside = boxes.filter((b) => b.x < 0 || b.y < 0 || b.x + b.width > width + 0.5 || b.y + b.height > height + 0.5).map((b) => b.what);
    expect(outside).toEqual([]);
  });
}

test('the editor and output panes keep their sizes across a reload', async ({ playground }) => {
  const { page } = playground;
  await playground.open();
  const splitter = page.getByRole('separator', { name: 'Resize editor and output' });
  const before = Number(await splitter.getAttribute('aria-valuenow'));
  await splitter.focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  const box = (await splitter.boundingBox())!;
  // And dragged with the pointer, as a person would.
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2, { steps: 4 });
  await page.mouse.up();
  const after = Number(await splitter.getAttribute('aria-valuenow'));
  expect(after).toBeGreaterThan(before + 10);
  const editorWidth = (await page.getByTestId('editor').boundingBox())!.width;

  await page.reload();
  await expect(page.getByTestId('build.button')).toBeVisible();
  await expect(splitter).toHaveAttribute('aria-valuenow', String(after));
  await expect.poll(async () => Math.round((await page.getByTestId('editor').boundingBox())!.width)).toBe(Math.round(editorWidth));
});

test('the Lessons menu works from the keyboard and closes on a click outside', async ({ playground }) => {
  const { page } = playground;
  await playground.open();
  const button = page.getByTestId('lessons.button');
  const list = page.getByTestId('lessons.list');
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(list).toBeVisible();
  await expect(page.locator('[data-testid="lessons.item"][data-lesson="1"]')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('[data-testid="lessons.item"][data-lesson="3"]')).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(page.locator('[data-testid="lessons.item"][data-lesson="2"]')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(list).toHaveCount(0);
  await expect(button).toBeFocused();

  await button.click();
  await expect(list).toBeVisible();
  await page.getByTestId('output.status').click();
  await expect(list).toHaveCount(0);

  await button.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(list).toHaveCount(0);
  await expect(page.getByTestId('lesson.panel')).toHaveAttribute('aria-label', /^Lesson 2:/);
});

test('a first-time visitor sees what to do first: the examples and the first lesson, one click away', async ({ playground }) => {
  const { page } = playground;
  await playground.open();
  const welcome = page.getByTestId('welcome');
  await expect(welcome).toContainText('New here? Press Run');
  await page.getByTestId('welcome.examples').click();
  await expect(page.getByTestId('examples.dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('examples.dialog')).toHaveCount(0);
  await page.getByTestId('welcome.lesson').click();
  await expect(page.getByTestId('lesson.panel')).toHaveAttribute('aria-label', /^Lesson 1:/);
  await expect(welcome).toHaveCount(0);
  // Once used, it does not come back.
  await page.reload();
  await expect(page.getByTestId('build.button')).toBeVisible();
  await expect(page.getByTestId('welcome')).toHaveCount(0);
});
