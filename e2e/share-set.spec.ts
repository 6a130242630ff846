import type { Browser, Page } from '@playwright/test';
import { Playground, expect, test } from './fixtures';

const code = (n: string) => `#include "faasm/faasm.h"
// function ${n}
int main() { faasmSetOutput((const uint8_t*)"${n}", ${n.length}); return 0; }
`;

const SET = [
  { key: 'team/alpha', input: 'one\ntwo', cmdline: '-v' },
  { key: 'team/beta', input: 'β input', cmdline: '' },
  { key: 'team/gamma', input: '', cmdline: 'x y' },
];

/** A second browser profile, failing the test on its console errors as the fixture's page does. */
async function freshPlayground(browser: Browser, errors: string[]): Promise<Playground> {
  const context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page: Page = await context.newPage();
  page.on('console', (m) => m.type() === 'error' && errors.push(`console.error: ${m.text()}`));
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  return new Playground(page);
}

async function expectFunction(playground: Playground, key: string, source: string, input: string, cmdline: string) {
  await playground.selectFunction(key);
  await expect.poll(async () => (await playground.editorText()).trimEnd()).toBe(source.trimEnd());
  await expect(playground.page.getByTestId('input.field')).toHaveValue(input);
  await expect(playground.page.getByTestId('cmdline.field')).toHaveValue(cmdline);
}

test('a link carries all of a user\'s functions with their inputs, and opens beside a clashing function', async ({ playground, browser }) => {
  const { page } = playground;
  await playground.open();
  for (const { key, input, cmdline } of SET) {
    await playground.createFunction(key, code(key));
    await playground.setInput(input);
    await page.getByTestId('cmdline.field').fill(cmdline);
  }
  await page.getByTestId('share.button').click();
  await expect(page.getByTestId('share.status')).toContainText("Link to team/gamma and team's 2 other functions copied");
  const link = await page.evaluate(() => navigator.clipboard.readText());
  const url = new URL(link);

  const errors: string[] = [];
  // A fresh profile: all three arrive, each with its input and command line.
  const fresh = await freshPlayground(browser, errors);
  await fresh.open(url.pathname + url.hash);
  for (const { key, input, cmdline } of SET) await expectFunction(fresh, key, code(key), input, cmdline);
  await fresh.page.context().close();

  // A profile with its own team/beta: it keeps its code, the link's beta opens beside it.
  const other = await freshPlayground(browser, errors);
  await other.open();
  const mine = code('mine');
  await other.createFunction('team/beta', mine);
  await other.setInput('my input');
  await expect(other.page.getByTestId('function.current')).toHaveText('team/beta');
  // Let the save land, so the link is opened against a stored workspace as a returning visitor's is.
  await other.page.keyboard.press('ControlOrMeta+S');
  await other.page.goto(url.pathname + url.hash);
  await expect(other.page.getByTestId('workspace.notice')).toContainText('team/beta as team/beta_2');
  await expectFunction(other, 'team/beta', mine, 'my input', '');
  await expectFunction(other, 'team/beta_2', code('team/beta'), 'β input', '');
  await expectFunction(other, 'team/alpha', code('team/alpha'), 'one\ntwo', '-v');
  await expectFunction(other, 'team/gamma', code('team/gamma'), '', 'x y');
  // And a reload keeps it all.
  await other.page.reload();
  await expectFunction(other, 'team/beta', mine, 'my input', '');
  await expectFunction(other, 'team/beta_2', code('team/beta'), 'β input', '');
  await other.page.context().close();
  expect(errors, 'the other profiles logged errors').toEqual([]);
});
