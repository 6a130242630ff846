/** Two tabs of one browser edit the same stored workspace: neither loses the other's work. */
import type { Page } from '@playwright/test';
import { expect, Playground, test } from './fixtures';

const saved = (page: Page) => expect(page.getByTestId('save.status')).toHaveAttribute('data-status', 'saved');

test("two tabs edit the workspace: both edits and one tab's new function survive a reload", async ({ playground, context }) => {
  const a = playground;
  await a.open();
  // Tab B opens the same workspace before tab A changes anything.
  const pageB = await context.newPage();
  const errors: string[] = [];
  pageB.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
  });
  pageB.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  const b = new Playground(pageB);
  await b.open();

  await a.page.bringToFront();
  await a.selectFunction('demo/hello');
  await a.typeAtTop('// edited in tab A\n');
  await a.createFunction('demo/from_a', '// made in tab A\nint main(void) { return 0; }\n');
  await saved(a.page);

  // Tab B hears of A's save, then edits another function.
  await b.page.bringToFront();
  await expect(b.functionItem('demo/from_a')).toHaveCount(1);
  await b.selectFunction('demo/square');
  await b.typeAtTop('// edited in tab B\n');
  await saved(b.page);
  await expect(b.page.getByTestId('workspace.notice')).toHaveCount(0);

  for (const tab of [a, b]) {
    await tab.page.reload();
    await expect(tab.page.getByTestId('build.button')).toBeVisible();
    await tab.selectFunction('demo/hello');
    await expect.poll(() => tab.editorText()).toContain('// edited in tab A');
    await tab.selectFunction('demo/from_a');
    await expect.poll(() => tab.editorText()).toContain('// made in tab A');
    await tab.selectFunction('demo/square');
    await expect.poll(() => tab.editorText()).toContain('// edited in tab B');
  }
  expect(errors, 'tab B logged errors').toEqual([]);
});
