import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';

const LOCKS_C = `#include "faasm/faasm.h"
int main(int argc, char* argv[]) {
    faasmLockStateGlobalWrite("total");
    faasmUnlockStateGlobalWrite("total");
    return 0;
}
`;

test('Export for Faasm offers the wasm download, the faasmctl commands and the HTTP requests, and invokes a cluster from the page', async ({ playground }) => {
  const { page } = playground;
  await playground.open();
  await playground.selectFunction('demo/hello');
  await page.getByTestId('cmdline.field').fill('7 x');
  await page.getByTestId('export.button').click();
  const dialog = page.getByTestId('export.dialog');
  await expect(dialog.getByTestId('export.status')).toHaveAttribute('data-ok', 'true', { timeout: 180_000 });

  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId('export.download').click()]);
  expect(download.suggestedFilename()).toBe('hello.wasm');
  const wasm = await readFile((await download.path())!);
  const module = new WebAssembly.Module(wasm);
  const imports = WebAssembly.Module.imports(module);
  expect(imports.every((i) => i.module === 'env' || i.module === 'wasi_snapshot_preview1')).toBe(true);
  expect(imports.some((i) => i.kind === 'memory')).toBe(false);
  expect(WebAssembly.Module.exports(module).map((e) => e.name)).toEqual(expect.arrayContaining(['_start', 'memory', '_faasm_zygote']));

  await expect(dialog.getByTestId('export.faasmctl')).toHaveText(/faasmctl upload demo hello hello\.wasm\s+faasmctl invoke demo hello --input-data '.*' --cmdline '7 x'/);
  await expect(dialog.getByTestId('export.compose')).toContainText('faasmctl deploy.compose');
  await expect(dialog.getByTestId('export.k8s')).toContainText('faasmctl deploy.k8s');
  await expect(dialog.getByTestId('export.http')).toContainText('curl -X PUT http://localhost:8002/f/demo/hello -T hello.wasm');
  await expect(dialog.getByTestId('export.http')).toContainText('"http_type":"EXECUTE_BATCH"');
  await page.screenshot({ path: 'test-results/export-dialog.png' });

  // A planner that allows cross-origin requests, as Faasm's does: the batch, then its status.
  const posted: string[] = [];
  await page.route('http://planner.test:8080/**', async (route) => {
    const body = JSON.parse(route.request().postData() ?? '{}') as { http_type: string; payload: string };
    posted.push(body.http_type);
    const headers = { 'Access-Control-Allow-Origin': '*' };
    if (body.http_type === 'EXECUTE_BATCH') {
      const message = (JSON.parse(body.payload) as { messages: { cmdline: string }[] }).messages[0]!;
      expect(message.cmdline).toBe('7 x');
      return route.fulfill({ status: 200, headers, body: '{"appId":9}' });
    }
    return route.fulfill({ status: 200, headers, body: '{"appId":9,"finished":true,"messageResults":[{"returnValue":0,"output_data":"Hello Faasm"}]}' });
  });
  await dialog.getByTestId('export.planner').fill('http://planner.test:8080');
  await dialog.getByTestId('export.invoke').click();
  await expect(dialog.getByTestId('export.invoke.result')).toHaveText(/App 9 returned 0; output: Hello Faasm/);
  expect(posted).toEqual(['EXECUTE_BATCH', 'EXECUTE_BATCH_STATUS']);
});

test('Export for Faasm says clearly when a function uses something Faasm lacks', async ({ playground }) => {
  const { page } = playground;
  await playground.open();
  await playground.createFunction('demo/global_locks', LOCKS_C);
  await page.getByTestId('export.button').click();
  const dialog = page.getByTestId('export.dialog');
  await expect(dialog.getByTestId('export.status')).toHaveAttribute('data-ok', 'false', { timeout: 180_000 });
  await expect(dialog.getByTestId('export.problem')).toHaveCount(2);
  await expect(dialog.locator('[data-testid="export.problem"][data-name="faasmLockStateGlobalWrite"]')).toContainText('global locks');
  await expect(dialog.getByTestId('export.download')).toHaveCount(0);
});
