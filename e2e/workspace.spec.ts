/**
 * Workspace and sharing (share links, workspace files, the examples gallery) and the build
 * inspector, driven as a person would; screenshots of each go to e2e/screenshots/.
 */
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from '@playwright/test';
import { expect, Playground, test } from './fixtures';

const shot = (name: string) => ({ path: `e2e/screenshots/${name}.png` });

const CHANGED_HELLO = `// demo/hello, changed: shared with a link.
#include "faasm/faasm.h"
#include <stdio.h>

int main(void) {
    printf("changed\\n");
    return 0;
}`;

/** A playground in a fresh browser context (its own storage), failing the test on console errors as the fixture does. */
async function freshPlayground(browser: Browser): Promise<{ playground: Playground; errors: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page: Page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  return { playground: new Playground(page), errors, close: () => context.close() };
}

test('a share link reopens the same code in a new page, beside a function of that name', async ({ playground, browser }) => {
  const { page } = playground;
  await playground.open();
  await playground.setCode(CHANGED_HELLO);
  await playground.setInput('shared input');
  await page.getByTestId('share.button').click();
  await expect(page.getByTestId('share.status')).toContainText(/Link to demo\/hello and demo's \d+ other functions copied/);
  await page.screenshot(shot('workspace-share'));
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/#share=[A-Za-z0-9+$-]+$/);

  const fresh = await freshPlayground(browser);
  const other = fresh.playground;
  await other.open(link);
  // The fresh workspace has its own demo/hello: the link opens beside it, under a free name.
  await expect(other.page.getByTestId('function.current')).toHaveText('demo/hello_2');
  await expect(other.page.getByTestId('workspace.notice')).toContainText('demo/hello_2');
  await expect.poll(async () => (await other.editorText()).trimEnd()).toBe(CHANGED_HELLO);
  await expect(other.page.getByTestId('input.field')).toHaveValue('shared input');
  expect(new URL(other.page.url()).hash).toBe('');
  await other.page.screenshot(shot('workspace-shared-open'));

  // Saved at once, and opened only once: a reload keeps demo/hello_2 and adds no demo/hello_3.
  await other.page.reload();
  await expect(other.page.getByTestId('build.button')).toBeVisible();
  await expect(other.functionItem('demo/hello_2')).toHaveCount(1);
  await expect(other.functionItem('demo/hello_3')).toHaveCount(0);
  await expect(other.page.getByTestId('workspace.notice')).toHaveCount(0);
  await fresh.close();
  expect(fresh.errors, 'the second page logged errors').toEqual([]);
});

test('importing a workspace file adds its functions beside the person\'s, a clashing one as a copy; a malformed file changes nothing', async ({ playground }) => {
  const { page } = playground;
  await playground.open();
  await playground.selectFunction('demo/square');
  const original = (await playground.editorText()).trimEnd();

  const downloading = page.waitForEvent('download');
  await page.getByTestId('workspace.export').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^faaslet-workspace-\d{4}-\d{2}-\d{2}\.json$/);
  const exported = await readFile((await download.path())!, 'utf8');
  expect(JSON.parse(exported)).toMatchObject({ format: 'faaslet-playground.workspace', current: 'demo/square' });

  // Change the workspace: other code in demo/square, a new function.
  const mine = '// demo/square, changed since the export\nint main(void) { return 1; }';
  await playground.setCode(mine);
  await playground.createFunction('demo/extra', '// demo/extra\nint main(void) { return 0; }');

  // No confirmation to replace anything: the file's demo/square clashes and opens as a copy.
  await page.getByTestId('workspace.import.file').setInputFiles({ name: 'exported.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
  const count = Object.keys(JSON.parse(exported).functions).length;
  await expect(page.getByTestId('workspace.notice')).toContainText(`Imported ${count} functions from exported.json: opened demo/square as demo/square_2`);
  await expect(page.getByTestId('workspace.notice')).toContainText('demo/hello');
  await page.screenshot(shot('workspace-import-merged'));
  await expect(page.getByTestId('function.current')).toHaveText('demo/square_2');
  await expect.poll(async () => (await playground.editorText()).trimEnd()).toBe(original);
  await expect(playground.functionItem('demo/extra')).toHaveCount(1);
  await playground.selectFunction('demo/square');
  await expect.poll(async () => (await playground.editorText()).trimEnd()).toBe(mine);

  // A malformed file: a clear message, and the workspace stays as it is.
  await playground.setCode('// kept\nint main(void) { return 0; }');
  const items = await page.getByTestId('functions.item').count();
  const broken = JSON.parse(exported);
  broken.functions['demo/hello'].language = 'rust';
  await page.getByTestId('workspace.import.file').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
  const notice = page.getByTestId('workspace.notice');
  await expect(notice).toHaveAttribute('data-tone', 'error');
  await expect(notice).toContainText('broken.json was not imported: Function "demo/hello": language must be c, cpp or wat. Nothing changed.');
  await page.screenshot(shot('workspace-import-error'));
  await page.getByTestId('workspace.import.file').setInputFiles({ name: 'cut.json', mimeType: 'application/json', buffer: Buffer.from(exported.slice(0, 200)) });
  await expect(notice).toContainText('cut.json was not imported: The file is not valid JSON');
  await expect(page.getByTestId('functions.item')).toHaveCount(items);
  expect((await playground.editorText()).trimEnd()).toBe('// kept\nint main(void) { return 0; }');
});

test('the examples gallery adds an example, or opens the one the workspace has', async ({ playground }) => {
  const { page } = playground;
  await playground.open();
  const count = await page.getByTestId('functions.item').count();
  await playground.deleteFunction('demo/square');

  await page.getByTestId('functions.examples').click();
  const dialog = page.getByTestId('examples.dialog');
  const square = dialog.locator('[data-testid="examples.item"][data-key="demo/square"]');
  await expect(square).toContainText('Reads an integer from its input and outputs its square as text.');
  await expect(square.getByTestId('examples.open')).toHaveText('Add');
  await expect(dialog.locator('[data-testid="examples.item"][data-key="demo/hello"]').getByTestId('examples.open')).toHaveText('Open');
  await page.screenshot(shot('workspace-gallery'));
  await square.getByTestId('examples.open').click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('function.current')).toHaveText('demo/square');
  await expect.poll(async () => (await playground.editorText()).split('\n')[0]).toMatch(/^\/\/ demo\/square: /);
  await expect(page.getByTestId('input.field')).toHaveValue('12');

  await page.getByTestId('functions.examples').click();
  await dialog.locator('[data-testid="examples.item"][data-key="demo/counter"]').getByTestId('examples.open').click();
  await expect(page.getByTestId('function.current')).toHaveText('demo/counter');
  await expect(page.getByTestId('functions.item')).toHaveCount(count);
});

test('the build inspector shows the module interface and WAT, and downloads the .wasm', async ({ playground }) => {
  test.setTimeout(240_000);
  const { page } = playground;
  await playground.open();
  // demo/counter maps shared state: its module imports the state arena as memory 1.
  await playground.selectFunction('demo/counter');
  await playground.build();
  await page.getByTestId('output.tab.log').click();
  await expect(page.getByTestId('build.download')).toBeVisible({ timeout: 180_000 });

  const imports = page.getByTestId('build.imports');
  await expect(imports).toContainText('Faasm host calls');
  await expect(imports).toContainText('__faasm_read_state_ptr');
  await expect(imports).toContainText('env.memory');
  await expect(imports).toContainText("env.statememory 1: the user's state arena");
  await expect(page.getByTestId('build.exports')).toContainText('_start');

  await page.getByTestId('build.wat.toggle').click();
  const wat = page.getByTestId('build.wat');
  await expect(wat).toContainText('(module');
  await expect(wat).toContainText('(func');
  await expect(wat).toContainText('(import "env" "__faasm_');
  await page.screenshot(shot('workspace-build-inspector'));
  await wat.evaluate((pre) => pre.scrollIntoView({ block: 'start' }));
  await page.screenshot(shot('workspace-build-wat'));
  const more = page.getByTestId('build.wat.more');
  if (await more.count()) {
    const lines = (await wat.textContent())!.split('\n').length;
    await more.click();
    await expect.poll(async () => (await wat.textContent())!.split('\n').length).toBeGreaterThan(lines);
  }

  const downloading = page.waitForEvent('download');
  await page.getByTestId('build.download').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('counter.wasm');
  const bytes = await readFile((await download.path())!);
  expect([...bytes.subarray(0, 4)]).toEqual([0x00, 0x61, 0x73, 0x6d]);
});
