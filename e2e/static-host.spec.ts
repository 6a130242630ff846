/**
 * The built site on a host that sends no COOP/COEP headers: a plain Node static server over
 * dist/. The service worker (public/coi-sw.js) must make the page isolated, and after one
 * visit the page must build and run with the network gone.
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';
import { expect, test } from './fixtures';

const DIST = join(process.cwd(), 'dist');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
  '.tar': 'application/x-tar',
  '.ttf': 'font/ttf',
};

let server: Server;
let origin = '';

test.beforeAll(async () => {
  server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(DIST, path.endsWith('/') ? `${path}index.html` : path);
    readFile(file).then(
      (body) => {
        res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
        res.end(body);
      },
      () => {
        res.writeHead(404);
        res.end();
      },
    );
  });
  // Port 0: the system picks a free one, so this never collides with another checkout's.
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const OFFLINE_C = `#include "faasm/faasm.h"
#include <string.h>
int main() {
    const char* out = "built offline";
    faasmSetOutput(out, strlen(out));
    return 0;
}
`;

test('on a host without COOP/COEP the page becomes isolated, runs a function, and builds and runs offline after one visit', async ({ playground, context }) => {
  const { page } = playground;
  const first = await page.request.get(`${origin}/`);
  expect(first.headers()['cross-origin-opener-policy']).toBeUndefined();
  expect(first.headers()['cross-origin-embedder-policy']).toBeUndefined();

  await page.goto(`${origin}/`);
  // The service worker takes control and the page reloads once, isolated.
  await expect.poll(() => page.evaluate(() => crossOriginIsolated).catch(() => 'reloading'), { timeout: 60_000 }).toBe(true);
  await expect(page.getByTestId('build.button')).toBeVisible();
  await expect(page.getByTestId('isolation.banner')).toHaveCount(0);
  await playground.build();
  await playground.run();
  await playground.expectStatus(/ok/i);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('build.button')).toBeVisible();
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await playground.createFunction('demo/offline', OFFLINE_C);
  await playground.build();
  // The toolchain came from its cache: the build ran with no network.
  await expect(playground.output('build.log')).toContainText('memory limit:', { timeout: 180_000 });
  await playground.run();
  await playground.expectStatus(/ok/i);
  await expect(playground.output('output.text')).toHaveText('built offline');
  await context.setOffline(false);
});
