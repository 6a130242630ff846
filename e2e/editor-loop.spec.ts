/**
 * Issue 16, the layout's leftovers: long lines wrap, the chosen output tab survives a reload, and
 * at 1024 px (where the top bar's shortcut hint is hidden) every shortcut is in a tooltip.
 */
import { expect, test } from './fixtures';

test('a long line wraps in the editor instead of running off to the right', async ({ playground, page }) => {
  await playground.open();
  const long = `// ${'a long comment that goes on '.repeat(20).trim()}`;
  await playground.setCode(`int main() { return 0; }\n${long}`);
  // Two lines of code, drawn as more than two lines on screen: the second one wrapped.
  await expect.poll(() => page.getByTestId('editor').locator('.view-line').count()).toBeGreaterThan(2);
  const editorBox = (await page.getByTestId('editor').boundingBox())!;
  const lineBoxes = await page.getByTestId('editor').locator('.view-line').evaluateAll((lines) =>
    lines.map((line) => (line.firstElementChild as HTMLElement | null)?.getBoundingClientRect().right ?? 0));
  for (const right of lineBoxes) expect(right).toBeLessThanOrEqual(editorBox.x + editorBox.width);
});

test('the output tab a person chose is shown again after a reload', async ({ playground, page }) => {
  await playground.open();
  await page.getByTestId('output.tab.cluster').click();
  await expect(page.getByTestId('output.tab.cluster')).toHaveAttribute('aria-selected', 'true');
  await page.reload();
  await expect(page.getByTestId('build.button')).toBeVisible();
  await expect(page.getByTestId('output.tab.cluster')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('output.tab.output')).toHaveAttribute('aria-selected', 'false');
});

test('at 1024 px every shortcut is in its control\'s tooltip, and Ctrl+M lets Tab leave the editor', async ({ playground, page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await playground.open();
  await expect(page.getByTestId('build.button')).toHaveAttribute('title', /Ctrl\+Enter/);
  await expect(page.getByTestId('run.button')).toHaveAttribute('title', /Ctrl\+Enter/);
  await expect(page.getByTestId('save.status')).toHaveAttribute('title', /Ctrl\+S/);
  const tabFocus = page.getByTestId('editor.tabfocus');
  await expect(tabFocus).toBeVisible();
  await expect(tabFocus).toHaveAttribute('title', /Ctrl\+M/);

  // The shortcut does what the tooltip says: after Ctrl+M, Tab moves focus out of the editor.
  await playground.focusEditor();
  await page.keyboard.press('Control+M');
  await page.keyboard.press('Tab');
  await expect.poll(() => page.evaluate(() => document.activeElement?.closest('.monaco-editor') === null)).toBe(true);
});
