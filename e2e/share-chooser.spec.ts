/** Issue 16: Share carries all of a user's functions by default, or the ones the person chooses. */
import { expect, test } from './fixtures';
import { Playground } from './fixtures';

const code = (n: string) => `// function ${n}\nint main() { return 0; }\n`;

test('the Share chooser makes a link to the chosen functions only', async ({ playground, browser }) => {
  const { page } = playground;
  await playground.open();
  for (const key of ['team/alpha', 'team/beta', 'team/gamma']) await playground.createFunction(key, code(key));

  await page.getByTestId('share.choose').click();
  const items = page.getByTestId('share.choose.item');
  await expect(items).toHaveCount(3);
  for (const item of await items.all()) await expect(item).toBeChecked();
  await page.locator('[data-testid="share.choose.item"][data-name="team/beta"]').uncheck();
  await page.getByTestId('share.choose.copy').click();
  await expect(page.getByTestId('share.chooser')).toHaveCount(0);
  await expect(page.getByTestId('share.status')).toContainText("Link to team/gamma and team's 1 other function copied");
  const url = new URL(await page.evaluate(() => navigator.clipboard.readText()));

  const context = await browser.newContext();
  const errors: string[] = [];
  const other = new Playground(await context.newPage());
  other.page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await other.open(url.pathname + url.hash);
  await expect(other.page.getByTestId('workspace.notice')).toContainText('opened team/alpha, team/gamma');
  await expect(other.functionItem('team/alpha')).toHaveCount(1);
  await expect(other.functionItem('team/gamma')).toHaveCount(1);
  await expect(other.functionItem('team/beta')).toHaveCount(0);
  await expect(other.page.getByTestId('function.current')).toHaveText('team/gamma');
  await context.close();
  expect(errors).toEqual([]);
});
