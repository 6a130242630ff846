// Issue 9's figures: lesson 7's SGD, shared weights (one mapped state value, HOGWILD) against
// copies moved through the global tier. Drives the real app (the global tier lives in its host
// agent), runs each variant several times, interleaved, and reads what the function reports:
// the time its held-out loss first fell below the threshold, and the bytes holding weights.

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x, digits = 2) => Number(x.toFixed(digits));

function parse(variant, text) {
  const number = (re) => {
    const m = re.exec(text);
    if (!m) throw new Error(`sgd bench (${variant}): no ${re} in "${text}"`);
    return Number(m[1]);
  };
  return {
    thresholdMs: number(/^threshold [\d.]+ reached at (\d+) ms$/m),
    finalLoss: number(/^loss [\d.]+ -> ([\d.]+) in/m),
    totalMs: number(/ in (\d+) ms$/m),
    weightBytes: number(/^weight memory: (\d+) B/m),
    copiedBytes: number(/^weights copied: (\d+) B/m),
  };
}

export async function sgdBench(browser, baseUrl, rounds = 5) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(baseUrl);
  await page.getByTestId('build.button').waitFor();
  await page.getByTestId('lessons.button').click();
  await page.locator('[data-testid="lessons.item"][data-lesson="7"]').click();

  const runOnce = async (variant, first = false) => {
    await page.getByTestId('input.field').fill(variant);
    // A run may end between two polls: an observer notes that this one started.
    await page.evaluate(() => {
      window.sgdStarted = false;
      new MutationObserver((_, observer) => {
        if (/running|building/.test(document.querySelector('[data-testid="output.status"]')?.dataset.status ?? '')) {
          window.sgdStarted = true;
          observer.disconnect();
        }
      }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-status'], childList: true });
    });
    // Run lesson builds the function first; later runs use the Run button.
    await page.getByTestId(first ? 'lesson.run' : 'run.button').click();
    await page.waitForFunction(
      () => window.sgdStarted && /^(ok|failed|trapped|killed|refused)$/.test(document.querySelector('[data-testid="output.status"]')?.dataset.status ?? ''),
      null,
      { timeout: 180_000, polling: 50 },
    );
    const status = await page.getByTestId('output.status').getAttribute('data-status');
    const text = (await page.getByTestId('output.text').textContent()) ?? '';
    if (status !== 'ok') throw new Error(`sgd bench (${variant}): ${status}: ${text}`);
    return parse(variant, text);
  };

  // Warm-up (build, cold starts), then interleaved rounds.
  await runOnce('shared', true);
  await runOnce('copy');
  const runs = { shared: [], copy: [] };
  for (let i = 0; i < rounds; i++) for (const variant of ['shared', 'copy']) runs[variant].push(await runOnce(variant));
  await context.close();

  const m = (variant, field) => median(runs[variant].map((r) => r[field]));
  return {
    'lessons.sgd_shared_threshold_ms': m('shared', 'thresholdMs'),
    'lessons.sgd_copy_threshold_ms': m('copy', 'thresholdMs'),
    'lessons.sgd_speedup_x': round(m('copy', 'thresholdMs') / m('shared', 'thresholdMs')),
    'lessons.sgd_shared_total_ms': m('shared', 'totalMs'),
    'lessons.sgd_copy_total_ms': m('copy', 'totalMs'),
    'lessons.sgd_shared_final_loss': m('shared', 'finalLoss'),
    'lessons.sgd_copy_final_loss': m('copy', 'finalLoss'),
    // Bytes holding weights on the host: the local tier's value plus the Faaslets' private copies.
    'lessons.sgd_shared_weight_bytes': m('shared', 'weightBytes'),
    'lessons.sgd_copy_weight_bytes': m('copy', 'weightBytes'),
    'lessons.sgd_memory_saving_x': round(m('copy', 'weightBytes') / m('shared', 'weightBytes')),
    'lessons.sgd_copy_bytes_copied': m('copy', 'copiedBytes'),
  };
}
