// Drives Chromium through the benchmark page, prints a Markdown table, rewrites bench/results.json.
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';

const port = 4174;
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
  await page.goto(`http://127.0.0.1:${port}/bench/`);
  await page.waitForFunction(() => window.benchResults, null, { timeout: 20 * 60_000, polling: 500 });
  const { figures, error } = await page.evaluate(() => window.benchResults);
  if (error) throw new Error(`benchmark failed: ${error}`);
  const results = { browser: `Chromium ${browser.version()}`, date: new Date().toISOString().slice(0, 10), ...figures };
  writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
  console.log('| figure | median |\n|---|---|');
  for (const [key, value] of Object.entries(figures)) console.log(`| ${key} | ${value} |`);
  console.log(`\n${results.browser}, ${results.date}`);
} finally {
  await browser.close();
  server.kill();
}
