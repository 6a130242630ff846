// Issue 19's figure for lesson 9: SFI-checked over raw on the lesson's own hash-table kernel.
// Drives the real app as a person would: opens the lesson, runs it several times, and reads the
// ratio the lesson computed (the median warm SFI-checked run over the median warm raw run).

import { median, openLesson, runLesson } from './lesson-page.mjs';

export async function isolationBench(browser, baseUrl, rounds = 5) {
  const { context, page } = await openLesson(browser, baseUrl, 9);
  const ratios = { checked: [], shared: [], first: [] };
  for (let i = 0; i <= rounds; i++) {
    const text = await runLesson(page);
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
