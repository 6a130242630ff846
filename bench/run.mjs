// Drives Chromium through the benchmark page, prints a Markdown table, rewrites bench/results.json.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { conformanceBench } from './conformance.mjs';
import { KERNELS, runNative } from './native.mjs';
import { sgdBench } from './sgd.mjs';
import { viewsBench } from './views.mjs';

// BENCH_ONLY=<suite>[,<suite>…]: only those suites of the bench page; their figures are merged
// into results.json, every other key kept.
const only = process.env.BENCH_ONLY ?? '';
// Native first, while nothing else of ours is running.
const native = only ? { skipped: 'BENCH_ONLY' } : runNative();
if (native.skipped && !only) console.error(`bench: no native baseline, rewrite.raw_vs_native_x is null: ${native.skipped}`);

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
  const page = await browser.newPage();
  page.on('console', (m) => console.error(`[page ${m.type()}] ${m.text()}`));
  page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
  await page.goto(`http://127.0.0.1:${port}/bench/${only ? `?only=${encodeURIComponent(only)}` : ''}`);
  await page.waitForFunction(() => window.benchResults, null, { timeout: 20 * 60_000, polling: 500 });
  const { figures: browserFigures, checksums, error } = await page.evaluate(() => window.benchResults);
  if (error) throw new Error(`benchmark failed: ${error}`);
  await page.close();
  // The views and lesson 7's SGD are measured in the app itself, after the bench page has finished.
  const app = `http://127.0.0.1:${port}/`;
  const figures = only
    ? browserFigures
    : { ...withNative(browserFigures, checksums), ...(await viewsBench(browser, app)), ...(await sgdBench(browser, app)), ...conformanceBench(port) };
  const resultsUrl = new URL('./results.json', import.meta.url);
  const earlier = only && existsSync(resultsUrl) ? JSON.parse(readFileSync(resultsUrl, 'utf8')) : {};
  const results = { ...earlier, browser: `Chromium ${browser.version()}`, date: new Date().toISOString().slice(0, 10), ...figures };
  writeFileSync(resultsUrl, `${JSON.stringify(results, null, 2)}\n`);
  console.log('| figure | median |\n|---|---|');
  for (const [key, value] of Object.entries(figures)) console.log(`| ${key} | ${value} |`);
  console.log(`\n${results.browser}, ${results.date}`);
} finally {
  await browser.close();
  server.kill();
}
