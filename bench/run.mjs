// Drives Chromium through the benchmark page, prints a Markdown table, rewrites bench/results.json.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { KERNELS, runNative } from './native.mjs';
import { sgdBench } from './sgd.mjs';
import { uiBench } from './ui.mjs';
import { viewsBench } from './views.mjs';

// BENCH_ONLY=ui,views runs only those app steps (bench = the bench page with the native
// baseline) and merges their figures into the results.json that is there.
const only = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',').map((s) => s.trim())) : null;
const wanted = (step) => !only || only.has(step);

// Native first, while nothing else of ours is running.
const native = wanted('bench') ? runNative() : { skipped: 'not asked for (BENCH_ONLY)' };
if (wanted('bench') && native.skipped) console.error(`bench: no native baseline, rewrite.raw_vs_native_x is null: ${native.skipped}`);

/**
 * The browser's figures with the native ones merged in beside their wasm counterparts; a kernel
 * whose native checksum differs from the wasm one fails the run.
 */
function withNative(figures, checksums) {
  const extra = {};
  if (native.skipped) extra['rewrite.shared_vs_raw_x'] = { 'rewrite.raw_vs_native_x': null };
  else {
    let logSum = 0;
    for (const kernel of KERNELS) {
      const { ms, checksum } = native.kernels[kernel];
      const wasmChecksum = checksums?.[`rewrite.kernel.${kernel}`];
      if (wasmChecksum !== checksum) throw new Error(`${kernel}: native checksum ${checksum}, wasm ${wasmChecksum}`);
      extra[`rewrite.kernel.${kernel}.shared_ms`] = { [`rewrite.kernel.${kernel}.native_ms`]: Number(ms.toFixed(2)) };
      logSum += Math.log(figures[`rewrite.kernel.${kernel}.raw_ms`] / ms);
    }
    extra['rewrite.shared_vs_raw_x'] = { 'rewrite.raw_vs_native_x': Number(Math.exp(logSum / KERNELS.length).toFixed(2)) };
  }
  return Object.fromEntries(Object.entries(figures).flatMap((entry) => [entry, ...Object.entries(extra[entry[0]] ?? {})]));
}

const port = Number(process.env.BENCH_PORT ?? 4174);
// Run vite's own script (not through npx) so that killing it ends the server.
const server = spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'preview', ...process.argv.slice(2), '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise((resolve) => server.stdout.on('data', (d) => String(d).includes(String(port)) && resolve()));

const executablePath = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  let benchFigures = {};
  if (wanted('bench')) {
    const page = await browser.newPage();
    page.on('console', (m) => console.error(`[page ${m.type()}] ${m.text()}`));
    page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
    await page.goto(`http://127.0.0.1:${port}/bench/`);
    await page.waitForFunction(() => window.benchResults, null, { timeout: 20 * 60_000, polling: 500 });
    const { figures: browserFigures, checksums, error } = await page.evaluate(() => window.benchResults);
    if (error) throw new Error(`benchmark failed: ${error}`);
    await page.close();
    benchFigures = withNative(browserFigures, checksums);
  }
  // The views, lesson 7's SGD and the first run are measured in the app itself, after the bench page has finished.
  const app = `http://127.0.0.1:${port}/`;
  const figures = {
    ...benchFigures,
    ...(wanted('views') ? await viewsBench(browser, app) : {}),
    ...(wanted('sgd') ? await sgdBench(browser, app) : {}),
    ...(wanted('ui') ? await uiBench(browser, app) : {}),
  };
  const previous = only ? JSON.parse(readFileSync(new URL('./results.json', import.meta.url), 'utf8')) : {};
  const results = { ...previous, browser: `Chromium ${browser.version()}`, date: new Date().toISOString().slice(0, 10), ...figures };
  writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
  console.log('| figure | median |\n|---|---|');
  for (const [key, value] of Object.entries(figures)) console.log(`| ${key} | ${value} |`);
  console.log(`\n${results.browser}, ${results.date}`);
} finally {
  await browser.close();
  server.kill();
}
