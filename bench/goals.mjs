// Issue 19's figures for lesson 8: how many live Faaslets fit in 4 GiB (from the lesson's own
// density line: 4 GiB over a Faaslet's memory 0) and the bytes a parked Proto-Faaslet keeps
// (its non-zero pages, as the Protos tab shows them for lesson8/goals). Drives the real app.

import { median, openLesson, runLesson } from './lesson-page.mjs';

export async function goalsBench(browser, baseUrl, rounds = 3) {
  const { context, page } = await openLesson(browser, baseUrl, 8);
  const fits = [];
  const parked = [];
  for (let i = 0; i < rounds; i++) {
    const text = await runLesson(page);
    const fit = /^density: a live Faaslet holds \d+ KiB of memory 0; (\d+) would fit in 4 GiB$/m.exec(text);
    if (!fit) throw new Error(`goals bench: no density line in "${text}"`);
    fits.push(Number(fit[1]));
    await page.getByTestId('output.tab.protos').click();
    const image = (await page.locator('[data-testid="protos.row"][data-function="lesson8/goals"] [data-testid="protos.image"]').textContent()) ?? '';
    const kib = /\(([\d.,]+) KiB\)/.exec(image);
    if (!kib) throw new Error(`goals bench: no image size in "${image}"`);
    parked.push(Math.round(Number(kib[1].replace(/,/g, '')) * 1024));
    await page.getByTestId('output.tab.output').click();
  }
  await context.close();
  return { 'lessons.goals_density_faaslets': median(fits), 'lessons.goals_bytes_per_parked': median(parked) };
}
