// Issue 19's figure for lesson 9: SFI-checked over raw on the lesson's own hash-table kernel.
// Drives the real app as a person would: opens the lesson, runs it several times, and reads the
// ratio the lesson computed (the median warm SFI-checked run over the median warm raw run).

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

export async function isolationBench(browser, baseUrl, rounds = 5) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(baseUrl);
  await page.getByTestId('build.button').waitFor();
  await page.getByTestId('lessons.button').click();
  await page.locator('[data-testid="lessons.item"][data-lesson="9"]').click();
  const ratios = { checked: [], shared: [], first: [] };
  for (let i = 0; i <= rounds; i++) {
    const before = await page.getByTestId('output.text').textContent().catch(() => null);
    await page.getByTestId('lesson.run').click();
    // Done when the output is a new finished run's: Run lesson is enabled again and the text changed.
    await page.waitForFunction(
      (previous) => {
        const status = document.querySelector('[data-testid="output.status"]')?.dataset.status ?? '';
        const text = document.querySelector('[data-testid="output.text"]')?.textContent ?? '';
        const run = document.querySelector('[data-testid="lesson.run"]');
        return run && !run.disabled && /^(ok|failed|trapped|killed|refused)$/.test(status) && text !== previous;
      },
      before,
      { timeout: 300_000, polling: 100 },
    );
    const text = (await page.getByTestId('output.text').textContent()) ?? '';
    const ratio = (claim) => {
      const m = new RegExp(`^${claim}: ([\\d.]+)x$`, 'm').exec(text);
      if (!m) throw new Error(`isolation bench: no "${claim}" in "${text}"`);
      return Number(m[1]);
    };
    // The first round builds and starts cold: not counted.
    if (i === 0) continue;
    ratios.checked.push(ratio('SFI-checked over raw'));
    ratios.shared.push(ratio('shared window over raw'));
    ratios.first.push(ratio('first run over warm \\(raw\\)'));
  }
  await context.close();
  return {
    'lessons.isolation_cost_x': median(ratios.checked),
    'lessons.isolation_shared_x': median(ratios.shared),
    'lessons.isolation_first_over_warm_x': median(ratios.first),
  };
}
