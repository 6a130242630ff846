import { expect, test } from './fixtures';

/** Answers with the input's length and every byte in hex, so nothing can hide in how output is shown. */
const HEX_C = `#include "faasm/faasm.h"
#include <stdio.h>
int main() {
    long n = faasmGetInputSize();
    unsigned char in[256];
    faasmGetInput(in, n);
    char out[1024];
    int len = snprintf(out, sizeof(out), "len=%ld", n);
    for (long i = 0; i < n; i++) len += snprintf(out + len, sizeof(out) - len, " %02x", in[i]);
    faasmSetOutput(out, len);
    return 0;
}
`;

const hexOf = (text: string) => [...new TextEncoder().encode(text)].map((b) => b.toString(16).padStart(2, '0')).join(' ');

test('a multi-line input typed into the Input box reaches the function byte for byte', async ({ playground }) => {
  const { page } = playground;
  await playground.open();
  await playground.createFunction('demo/hexin', HEX_C);
  const field = page.getByTestId('input.field');
  await field.click();
  // Typed as a person types it: Enter starts a new line rather than running.
  await page.keyboard.type('first line');
  await page.keyboard.press('Enter');
  await page.keyboard.type('  second');
  // Tab moves focus on, as in any form: a tab character arrives pasted.
  await page.keyboard.insertText('\tline é');
  await page.keyboard.press('Enter');
  const input = 'first line\n  second\tline é\n';
  await expect(field).toHaveValue(input);
  await playground.run();
  await playground.expectStatus(/ok/i);
  await expect(playground.output('output.text')).toHaveText(`len=${new TextEncoder().encode(input).length} ${hexOf(input)}`);

  await page.reload();
  await expect(page.getByTestId('input.field')).toHaveValue(input);
});

test('a hex input reaches the function as the bytes it spells, and bad hex is refused with the reason', async ({ playground }) => {
  const { page } = playground;
  await playground.open();
  await playground.createFunction('demo/hexin', HEX_C);
  await playground.setInput('Hi\n');
  // Switching to hex shows the same bytes in hex.
  await page.getByTestId('input.format').selectOption('hex');
  await expect(page.getByTestId('input.field')).toHaveValue('48 69 0a');
  await playground.setInput('00 ff\n0a 0x41');
  await playground.run();
  await playground.expectStatus(/ok/i);
  await expect(playground.output('output.text')).toHaveText('len=4 00 ff 0a 41');
  // Bytes that are not UTF-8 stay in hex when asked for text, and say why.
  await page.getByTestId('input.format').selectOption('text');
  await expect(page.getByTestId('workspace.notice')).toContainText('not UTF-8 text, so they stay in hex');
  await expect(page.getByTestId('input.format')).toHaveValue('hex');

  await playground.setInput('4g');
  await expect(page.getByTestId('input.field')).toHaveAttribute('aria-invalid', 'true');
  await playground.run();
  await expect(page.locator('.call-output__error')).toContainText('Not run: The hex input has "g", which is not a hex digit.');

  await page.reload();
  await expect(page.getByTestId('input.format')).toHaveValue('hex');
  await expect(page.getByTestId('input.field')).toHaveValue('4g');
});

test('a file from the Files tab is the call\'s input, byte for byte, and the typed text is kept', async ({ playground }) => {
  const { page } = playground;
  await playground.open();
  await playground.createFunction('demo/hexin', HEX_C);
  await playground.setInput('typed');
  await page.getByTestId('output.tab.files').click();
  await page.getByTestId('files.upload').setInputFiles({ name: 'blob.bin', mimeType: 'application/octet-stream', buffer: Buffer.from([0, 1, 0xfe, 0xff, 0x0a]) });
  await page.getByTestId('input.format').selectOption('file');
  await page.getByTestId('input.file').selectOption('blob.bin');
  await playground.run();
  await playground.expectStatus(/ok/i);
  await expect(playground.output('output.text')).toHaveText('len=5 00 01 fe ff 0a');

  await page.reload();
  await expect(page.getByTestId('input.file')).toHaveValue('blob.bin');
  await page.getByTestId('input.format').selectOption('text');
  await expect(page.getByTestId('input.field')).toHaveValue('typed');
});
