import { expect, test } from './fixtures';

const PUSH_C = `#include "faasm/faasm.h"
int main(int argc, char* argv[]) {
    return faasmPushState("k");
}
`;

test('completion lists faasmGetInput with its signature and header after typing faasmG', async ({ playground }) => {
  const { page } = playground;
  await playground.open();
  // On a line of its own, above the example's code.
  await playground.typeAtTop('\n');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.type('faasmG');
  // Monaco draws its widgets outside the editor's box (fixedOverflowWidgets).
  const suggest = page.locator('.suggest-widget');
  const row = suggest.locator('.monaco-list-row[aria-label^="faasmGetInput,"]');
  await expect(row.first()).toBeVisible({ timeout: 30_000 });
  // Walk to the row, then open its documentation (Ctrl+Space on an open list shows the details).
  for (let i = 0; i < 10 && !(await row.first().getAttribute('class'))?.includes('focused'); i++) {
    await page.keyboard.press('ArrowDown');
  }
  await expect(row.first()).toHaveClass(/focused/);
  await page.keyboard.press('Control+Space');
  const details = page.locator('.suggest-details');
  await expect(details).toContainText('void faasmGetInput(uint8_t* buffer, long bufferLen)');
  await expect(details).toContainText('faasm/core.h');
});

test("hover over a Faasm call shows its header's doc comment", async ({ playground }) => {
  const { page } = playground;
  await playground.open();
  await playground.setCode(PUSH_C);
  await page.getByTestId('editor').locator('.view-line span', { hasText: 'faasmPushState' }).last().hover();
  const hover = page.locator('.monaco-hover:not(.hidden)');
  await expect(hover).toContainText('int faasmPushState(const char* key)');
  await expect(hover).toContainText('ENOSPC');
  await expect(hover).toContainText('faasm/core.h');
});

test('the API reference finds a function and shows its header, read-only', async ({ playground }) => {
  const { page } = playground;
  await playground.open();
  await page.getByTestId('api.button').click();
  await page.getByTestId('api.search').fill('faasmGetInput');
  await expect(page.locator('[data-testid="api.entry"][data-name="faasmGetInput"]')).toContainText('faasm/core.h');
  await expect(page.locator('[data-testid="api.entry"][data-name="faasmSetOutput"]')).toHaveCount(0);

  await page.locator('[data-testid="api.entry"][data-name="faasmGetInput"]').getByRole('button', { name: 'faasm/core.h' }).click();
  const header = page.getByTestId('api.header');
  await expect(header).toHaveAttribute('data-header', 'faasm/core.h');
  await expect(header.locator('.view-lines')).toContainText('faasmGetInput');
  const before = await header.locator('.view-lines').textContent();
  await header.locator('.view-lines').click();
  await page.keyboard.type('oops');
  await expect(header).toContainText('Cannot edit in read-only editor');
  expect(await header.locator('.view-lines').textContent()).toBe(before);
});
