// Issue 9's figures: lesson 7's SGD, shared weights (one mapped state value, HOGWILD) against
// copies moved through the global tier. Drives the real app (the global tier lives in its host
// agent), runs each variant several times, interleaved, and reads what the function reports
// (the time its held-out loss first fell below the threshold) and what the lesson's memory plot
// measured while the call ran (the runtime's memoryUsage: busy Faaslets' written pages plus the
// local tier), its peak.
import { median, openLesson } from './lesson-page.mjs';

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
    copiedMiB: number(/^copied between state and private memory: ([\d.]+) MiB/m),
  };
}

export async function sgdBench(browser, baseUrl, rounds = 5) {
  const { context, page } = await openLesson(browser, baseUrl, 7);

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
    // The plot's series for this run input is replaced as soon as the run's first sample comes in.
    const series = page.locator(`[data-testid="lesson.memory.series"][data-key="${variant}"]`);
    const peakBytes = Number(await series.getAttribute('data-peak-bytes'));
    const samples = Number(await series.getAttribute('data-samples'));
    if (!(peakBytes > 0) || samples < 3) throw new Error(`sgd bench (${variant}): memory sampled ${samples} times, peak ${peakBytes} B`);
    return { ...parse(variant, text), peakBytes };
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
    // Peak memory the run held, measured while it ran: busy Faaslets' written pages plus the local tier.
    'lessons.sgd_shared_peak_mib': round(m('shared', 'peakBytes') / 2 ** 20, 1),
    'lessons.sgd_copy_peak_mib': round(m('copy', 'peakBytes') / 2 ** 20, 1),
    'lessons.sgd_memory_saving_x': round(m('copy', 'peakBytes') / m('shared', 'peakBytes')),
    'lessons.sgd_copy_copied_mib': m('copy', 'copiedMiB'),
  };
}
