import { expect, test } from './fixtures';

// The page's service worker would make it isolated without the headers (e2e/static-host.spec.ts):
// blocked here, as in a browser that runs none.
test.use({ serviceWorkers: 'block' });

test('without COOP/COEP the page says why shared memory is missing and how to fix it', async ({ playground }) => {
  const { page } = playground;
  // Serve the page as a host without the isolation headers would.
  await page.route('**/*', async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers() };
    delete headers['cross-origin-opener-policy'];
    delete headers['cross-origin-embedder-policy'];
    await route.fulfill({ response, headers });
  });
  await page.goto('/');
  const banner = page.getByTestId('isolation.banner');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('not cross-origin isolated');
  await expect(banner).toContainText('Cross-Origin-Opener-Policy: same-origin');
  await expect(banner).toContainText('Cross-Origin-Embedder-Policy: require-corp');
});

test('with the headers the page is isolated and shows no banner', async ({ playground }) => {
  await playground.open();
  expect(await playground.page.evaluate(() => crossOriginIsolated)).toBe(true);
  await expect(playground.page.getByTestId('isolation.banner')).toHaveCount(0);
});
