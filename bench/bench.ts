/** The benchmark page: runs every suite in this tab and publishes the figures for bench/run.mjs. */
import { chainSuite } from './suites/chain';
import { faultsSuite } from './suites/faults';
import { globalSuite } from './suites/global';
import { hostSuite } from './suites/host';
import { limitsSuite } from './suites/limits';
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

/** `?only=limits,chain` runs just those suites (bench/run.mjs passes BENCH_ONLY). */
const only = new URLSearchParams(location.search).get('only')?.split(',') ?? null;

async function main() {
  const figures: Record<string, number> = {};
  const suites = [
    ['slice', sliceSuite],
    ['chain', chainSuite],
    ['rewrite', rewriteSuite],
    ['zero-copy', zeroCopySuite],
    ['proto', protoSuite],
    ['global', globalSuite],
    ['host', hostSuite],
    ['faasm-export', faasmExportSuite],
    ['cpp', cppSuite],
    ['limits', limitsSuite],
    ['faults', faultsSuite],
  ] as const;
  for (const [name, suite] of suites.filter(([name]) => !only || only.includes(name))) {
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
