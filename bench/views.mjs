// Issue 7's figures: what the live views cost. Drives the real app (not the bench page): a
// function fans out 8 Faaslets running a compute kernel, run with the views closed (Output tab),
// with the Memory tab open on two of those Faaslets, and with the Calls timeline open,
// interleaved; frame costs come from the User Timing measures the views record (app/lib/frame-timing.ts).

const KERNEL_C = `#include "faasm/faasm.h"
#include <stdio.h>
#define N 128
static double a[N * N], b[N * N], c[N * N];
int work() {
    for (int i = 0; i < N * N; i++) { a[i] = i % 7; b[i] = i % 5; c[i] = 0; }
    for (int r = 0; r < 180; r++)
        for (int i = 0; i < N; i++)
            for (int k = 0; k < N; k++) {
                double x = a[i * N + k];
                for (int j = 0; j < N; j++) c[i * N + j] += x * b[k * N + j];
            }
    char out[32];
    int len = snprintf(out, sizeof(out), "%.0f", c[N * N - 1]);
    faasmSetOutput(out, len);
    return 0;
}
int main(int argc, char* argv[]) {
    unsigned int ids[8];
    for (int i = 0; i < 8; i++) ids[i] = faasmChain(work, 0, 0);
    for (int i = 0; i < 8; i++) if (faasmAwaitCall(ids[i]) != 0) return 1;
    faasmSetOutput("done", 4);
    return 0;
}
`;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x, digits = 3) => Number(x.toFixed(digits));

export async function viewsBench(browser, baseUrl) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await context.newPage();
  await page.goto(baseUrl);
  await page.getByTestId('build.button').waitFor();
  await page.getByTestId('functions.new').click();
  await page.getByTestId('functions.new.name').fill('bench/kernel');
  await page.getByTestId('functions.new.create').click();
  await page.evaluate((text) => navigator.clipboard.writeText(text), KERNEL_C);
  await page.getByTestId('editor').locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+V');
  await page.waitForFunction((n) => document.querySelector('[data-testid="editor"]')?.textContent?.includes(n), 'faasmChain(work');

  const wallOf = async () => {
    const text = await page.getByTestId('output.walltime').textContent();
    const m = /([\d.]+) (ms|s)/.exec(text ?? '');
    if (!m) throw new Error(`views bench: cannot read the wall time from "${text}"`);
    return Number(m[1]) * (m[2] === 's' ? 1000 : 1);
  };
  /** Run shows the Output tab; a person watching a view clicks back to it at once. */
  const runOnce = async (tab = 'output') => {
    await page.getByTestId('run.button').click();
    if (tab !== 'output') await page.getByTestId(`output.tab.${tab}`).click();
    await page.waitForFunction(() => /^ok$/.test(document.querySelector('[data-testid="output.status"]')?.textContent ?? ''), null, { timeout: 120_000, polling: 50 });
    return wallOf();
  };

  await runOnce(); // build, cold starts
  await runOnce();
  // Two of the kernel's Faaslets in the Memory tab.
  await page.getByTestId('output.tab.cluster').click();
  // The root's Faaslet (lowest id) stays for the whole run; a host ends extra idle Faaslets
  // after a fan-out, so the second panel may close during the rounds (frames are per panel).
  const cards = page.locator('[data-testid="cluster.faaslet"][data-function="bench/kernel"]');
  const ids = (await cards.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-faaslet'))))).sort((a, b) => a - b);
  for (const id of ids.slice(0, 2)) {
    await page.getByTestId('output.tab.cluster').click();
    await page.locator(`[data-testid="cluster.faaslet"][data-faaslet="${id}"]`).click();
  }
  await page.locator('[data-testid="memory.panel"]').first().waitFor();

  const show = async (tab) => page.getByTestId(`output.tab.${tab}`).click();
  const closed = [];
  const memory = [];
  const timeline = [];
  const clearMeasures = () => page.evaluate(() => performance.clearMeasures());
  const measures = (names) =>
    page.evaluate((ns) => ns.flatMap((n) => performance.getEntriesByName(n, 'measure').map((e) => ({ name: n, ms: e.duration }))), names);
  const frames = { 'memory-map.read': [], 'memory-map.draw': [], 'timeline.layout': [], 'timeline.draw': [] };
  const collect = async () => {
    for (const { name, ms } of await measures(Object.keys(frames))) frames[name].push(ms);
  };
  // Each round runs the three side by side, in a rotating order, so drift of a shared machine
  // does not favour one; the slowdown is the median of each round's own ratio.
  const modes = {
    closed: async () => {
      await show('output');
      closed.push(await runOnce());
    },
    memory: async () => {
      await show('memory');
      await clearMeasures();
      memory.push(await runOnce('memory'));
      await collect();
    },
    timeline: async () => {
      await show('calls');
      await clearMeasures();
      timeline.push(await runOnce('calls'));
      await collect();
    },
  };
  const order = Object.keys(modes);
  for (let round = 0; round < 9; round++) {
    for (let i = 0; i < order.length; i++) await modes[order[(round + i) % order.length]]();
  }
  await context.close();
  const closedMs = median(closed);
  const ratio = (open) => median(open.map((ms, round) => ms / closed[round]));
  const slowdown = Math.max(ratio(memory), ratio(timeline));
  return {
    'views.kernel_ms_views_closed': round(closedMs, 1),
    'views.kernel_ms_memory_open': round(median(memory), 1),
    'views.kernel_ms_timeline_open': round(median(timeline), 1),
    'views.kernel_slowdown_x': round(slowdown),
    'views.kernel_memory_open_x': round(ratio(memory)),
    'views.kernel_timeline_open_x': round(ratio(timeline)),
    // A frame reads the memories and draws (memory map), or lays out and draws (timeline).
    'views.memory_map_frame_ms': round(median(frames['memory-map.read']) + median(frames['memory-map.draw'])),
    'views.memory_map_frames_measured': frames['memory-map.draw'].length,
    'views.timeline_frame_ms': round(median(frames['timeline.layout']) + median(frames['timeline.draw'])),
    'views.timeline_frames_measured': frames['timeline.draw'].length,
  };
}
