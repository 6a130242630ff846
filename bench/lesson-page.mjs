// Drives a lesson in the real app as a person would, for the lesson benchmarks.

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** A fresh context with lesson `n` open. */
export async function openLesson(browser, baseUrl, n) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(baseUrl);
  await page.getByTestId('build.button').waitFor();
  await page.getByTestId('lessons.button').click();
  await page.locator(`[data-testid="lessons.item"][data-lesson="${n}"]`).click();
  return { context, page };
}

/** Clicks "Run lesson" and returns the output text once a new finished run's output is shown. */
export async function runLesson(page) {
  const before = await page.getByTestId('output.text').textContent().catch(() => null);
  await page.getByTestId('lesson.run').click();
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
  return (await page.getByTestId('output.text').textContent()) ?? '';
}
