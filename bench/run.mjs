// Drives Chromium through the benchmark page, prints a Markdown table, rewrites bench/results.json.
// BENCH_ONLY=limits,chain runs just those suites of the page (no native baseline, views or SGD)
// and merges their figures into bench/results.json, keeping every other key. The lessons' figures
// are measured in the app: `sgd` (lesson 7), `goals` (lesson 8), `isolation` (lesson 9), or
// `lessons` for all three.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { conformanceBench } from './conformance.mjs';
import { KERNELS, runNative } from './native.mjs';
import { goalsBench } from './goals.mjs';
import { isolationBench } from './isolation.mjs';
import { sgdBench } from './sgd.mjs';
import { uiBench } from './ui.mjs';
import { viewsBench } from './views.mjs';

const only = process.env.BENCH_ONLY?.split(',').filter(Boolean) ?? null;
// Steps measured in the app itself rather than on the bench page.
const LESSON_SUITES = ['sgd', 'goals', 'isolation'];
const APP_STEPS = [...LESSON_SUITES, 'views', 'ui'];
const onlyLessons = only?.flatMap((name) => (name === 'lessons' ? LESSON_SUITES : LESSON_SUITES.filter((s) => s === name))) ?? LESSON_SUITES;
const onlyPage = only?.filter((name) => name !== 'lessons' && !APP_STEPS.includes(name)) ?? null;

// Native first, while nothing else of ours is running.
const native = only ? { skipped: 'BENCH_ONLY' } : runNative();
if (native.skipped && !only) console.error(`bench: no native baseline, rewrite.raw_vs_native_x is null: ${native.skipped}`);

/**
 * The browser's figures with the native ones merged in beside their wasm counterparts; a kernel
 * whose native checksum differs from the wasm one fails the run.
 */
function withNative(figures, checksums) {
  if (only) return figures;
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

/** `stress-ng --cpu 2` while on; false when it cannot start (not installed). */
let hogs = null;
async function cpuHogs(on) {
  if (!on) {
    if (hogs) hogs.kill();
    hogs = null;
    return true;
  }
  if (hogs) return true;
  const child = spawn('stress-ng', ['--cpu', '2', '--timeout', '300s', '--quiet'], { stdio: 'ignore' });
  const started = await new Promise((resolve) => {
    child.once('error', () => resolve(false));
    child.once('spawn', () => resolve(true));
  });
  if (!started) return false;
  hogs = child;
  // Let the hogs reach full load before the measured half starts.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  return true;
}

const port = Number(process.env.BENCH_PORT ?? 4174);
// Run vite's own script (not through npx) so that killing it ends the server.
const server = spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'preview', ...process.argv.slice(2), '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise((resolve) => server.stdout.on('data', (d) => String(d).includes(String(port)) && resolve()));

/** The bench page's suites (all, or BENCH_ONLY's), in one page of the browser. */
async function benchPage(browser) {
  const page = await browser.newPage();
  page.on('console', (m) => console.error(`[page ${m.type()}] ${m.text()}`));
  page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
  // The limits suite's loaded half: two CPU hogs for as long as the page asks.
  await page.exposeFunction('benchHogs', (on) => cpuHogs(on));
  await page.goto(`http://127.0.0.1:${port}/bench/${onlyPage ? `?only=${onlyPage.join(',')}` : ''}`);
  await page.waitForFunction(() => window.benchResults, null, { timeout: 20 * 60_000, polling: 500 });
  const { figures, checksums, error } = await page.evaluate(() => window.benchResults);
  if (error) throw new Error(`benchmark failed: ${error}`);
  await page.close();
  return { figures, checksums };
}

const executablePath = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const lessonsBench = async (app) => ({
    ...(onlyLessons.includes('sgd') ? await sgdBench(browser, app) : {}),
    ...(onlyLessons.includes('goals') ? await goalsBench(browser, app) : {}),
    ...(onlyLessons.includes('isolation') ? await isolationBench(browser, app) : {}),
  });
  const app = `http://127.0.0.1:${port}/`;
  // BENCH_ONLY naming only lesson suites skips the bench page.
  const { figures: browserFigures, checksums } = onlyPage?.length === 0 ? { figures: {}, checksums: {} } : await benchPage(browser);
  // The views and the lessons' figures are measured in the app itself, after the bench page has finished.
  const figures = only
    ? {
        ...browserFigures,
        ...(only.includes('views') ? await viewsBench(browser, app) : {}),
        ...(await lessonsBench(app)),
        ...(only.includes('ui') ? await uiBench(browser, app) : {}),
      }
    : { ...withNative(browserFigures, checksums), ...(await viewsBench(browser, app)), ...(await lessonsBench(app)), ...(await uiBench(browser, app)), ...conformanceBench(port) };
  const fresh = { browser: `Chromium ${browser.version()}`, date: new Date().toISOString().slice(0, 10) };
  // A partial run keeps the browser and date of the full run the other figures come from.
  const results = only
    ? { ...fresh, ...JSON.parse(readFileSync(new URL('./results.json', import.meta.url), 'utf8')), ...figures }
    : { ...fresh, ...figures };
  writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
  console.log('| figure | median |\n|---|---|');
  for (const [key, value] of Object.entries(figures)) console.log(`| ${key} | ${value} |`);
  console.log(`\n${results.browser}, ${results.date}`);
} finally {
  cpuHogs(false);
  await browser.close();
  server.kill();
}
