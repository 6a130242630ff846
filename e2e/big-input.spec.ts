/**
 * Inputs past the stated maximum: refused with the reason before the page copies them, the
 * page stays up, nothing typed is lost, and saving goes on.
 */
import lzString from 'lz-string';
import { expect, test } from './fixtures';

test('a 200 MiB input is refused with a message, the page stays up, and saving goes on', async ({ playground }) => {
  const { page } = playground;
  await playground.open();
  await playground.selectFunction('demo/hello');
  await playground.setInput('kept');

  // A 200 MiB file dropped on the Input box: refused by its size, never read into the page.
  const dropped = await page.evaluateHandle(() => {
    const transfer = new DataTransfer();
    const mib = new Uint8Array(1 << 20).fill(0x61);
    transfer.items.add(new File(Array.from({ length: 200 }, () => mib), 'big.txt', { type: 'text/plain' }));
    return transfer;
  });
  await page.getByTestId('input.field').dispatchEvent('drop', { dataTransfer: dropped });
  const notice = page.getByTestId('workspace.notice');
  await expect(notice).toHaveAttribute('data-tone', 'error');
  await expect(notice).toContainText('The dropped file big.txt was refused: it is 200 MiB, and the Input box takes at most 1 MiB');
  await expect(notice).toContainText('Files tab');
  await expect(page.getByTestId('input.field')).toHaveValue('kept');

  // Pasting past the maximum is refused too, before the field takes it.
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await page.evaluate(() => navigator.clipboard.writeText('x'.repeat(2 * 2 ** 20)));
  await page.getByTestId('input.field').click();
  await page.keyboard.press('ControlOrMeta+V');
  await expect(notice).toContainText('Pasting 2 MiB was refused');
  await expect(page.getByTestId('input.field')).toHaveValue('kept');

  // The page works: the function runs with the input that was kept.
  await playground.run();
  await playground.expectStatus(/ok/i);
  await expect(playground.output('output.text')).toHaveText('Hello, kept!');

  // Saving goes on: an edit made now survives a reload.
  await playground.typeAtTop('// after the refused input\n');
  await expect(page.getByTestId('save.status')).toHaveAttribute('data-status', 'saved');
  await page.reload();
  await expect(page.getByTestId('build.button')).toBeVisible();
  await playground.selectFunction('demo/hello');
  await expect.poll(() => playground.editorText()).toContain('// after the refused input');
  await expect(page.getByTestId('input.field')).toHaveValue('kept');
});

test('a share link carrying more code than a link may is refused, and saving stays on', async ({ playground }) => {
  const { page } = playground;
  const source = '// one line of code, many times\n'.repeat(100_000); // 3.1 MiB
  const link = `/#share=${lzString.compressToEncodedURIComponent(JSON.stringify({ v: 1, user: 'demo', name: 'huge', language: 'c', source, input: '' }))}`;
  await playground.open(link);
  const notice = page.getByTestId('workspace.notice');
  await expect(notice).toHaveAttribute('data-tone', 'error');
  await expect(notice).toContainText('The shared link was not opened');
  await expect(notice).toContainText('Links carry at most 1 MiB of code');
  await expect(playground.functionItem('demo/huge')).toHaveCount(0);

  await playground.selectFunction('demo/hello');
  await playground.typeAtTop('// saved after the refused link\n');
  await expect(page.getByTestId('save.status')).toHaveAttribute('data-status', 'saved');
  await page.reload();
  await expect(page.getByTestId('build.button')).toBeVisible();
  await playground.selectFunction('demo/hello');
  await expect.poll(() => playground.editorText()).toContain('// saved after the refused link');
});
