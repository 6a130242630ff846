/** The benchmark page: runs every suite in this tab and publishes the figures for bench/run.mjs. */
import { chainSuite } from './suites/chain';
import { globalSuite } from './suites/global';
import { hostSuite } from './suites/host';
import { protoSuite } from './suites/proto';
import { kernelChecksums, rewriteSuite } from './suites/rewrite';
import { sliceSuite } from './suites/slice';
import { zeroCopySuite } from './suites/zero-copy';
import { faasmExportSuite } from './suites/faasm-export';
import { cppSuite } from './suites/cpp';

declare global {
  interface Window {
    /** `checksums`: results that must match outside the browser (run.mjs compares them with native). */
    benchResults?: { figures: Record<string, number>; checksums?: Record<string, string>; error?: string };
  }
}

const status = document.getElementById('status')!;
const table = document.getElementById('results') as HTMLTableElement;

async function main() {
  const figures: Record<string, number> = {};
  // `?only=<suite>[,<suite>…]` runs those suites, to measure a change without the whole run.
  const only = new URLSearchParams(location.search).get('only')?.split(',');
  for (const [name, suite] of [
    ['slice', sliceSuite],
    ['chain', chainSuite],
    ['rewrite', rewriteSuite],
    ['zero-copy', zeroCopySuite],
    ['proto', protoSuite],
    ['global', globalSuite],
    ['host', hostSuite],
    ['faasm-export', faasmExportSuite],
    ['cpp', cppSuite],
  ] as const) {
    if (only && !only.includes(name)) continue;
    status.textContent = `running ${name}…`;
    console.info(`bench: running ${name}`);
    Object.assign(figures, await suite());
  }
  for (const [key, value] of Object.entries(figures)) {
    const row = table.insertRow();
    row.insertCell().textContent = key;
    row.insertCell().textContent = String(value);
  }
  status.textContent = 'done';
  window.benchResults = { figures, checksums: kernelChecksums };
}

main().catch((error: unknown) => {
  status.textContent = `failed: ${String(error)}`;
  window.benchResults = { figures: {}, error: String(error) };
});
