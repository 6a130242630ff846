// Issue 16's ui.first_run_ms: a first-time visitor (a fresh browser profile, so no toolchain in
// Cache Storage and no saved workspace) opens the page and presses Run on the function it shows;
// measured from the page being opened to the call's output on screen, the toolchain coming from
// the local server. Median of three fresh profiles.

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function firstRun(browser, baseUrl) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    const t0 = Date.now();
    await page.goto(baseUrl);
    const run = page.getByTestId('run.button');
    await page.waitForFunction(() => !document.querySelector('[data-testid="run.button"]')?.hasAttribute('disabled'), null, { timeout: 300_000 });
    await run.click();
    await page.getByTestId('output.status').filter({ hasText: /ok/i }).waitFor({ timeout: 300_000 });
    await page.waitForFunction(() => (document.querySelector('[data-testid="output.text"]')?.textContent ?? '') !== '', null, { timeout: 300_000 });
    return Date.now() - t0;
  } finally {
    await context.close();
  }
}

export async function uiBench(browser, baseUrl) {
  const times = [];
  for (let i = 0; i < 3; i++) times.push(await firstRun(browser, baseUrl));
  return { 'ui.first_run_ms': median(times) };
}
