/** The benchmark page: runs every suite in this tab and publishes the figures for bench/run.mjs. */
import { chainSuite } from './suites/chain';
import { protoSuite } from './suites/proto';
import { sliceSuite } from './suites/slice';

declare global {
  interface Window {
    benchResults?: { figures: Record<string, number>; error?: string };
  }
}

const status = document.getElementById('status')!;
const table = document.getElementById('results') as HTMLTableElement;

async function main() {
  const figures: Record<string, number> = {};
  for (const [name, suite] of [
    ['slice', sliceSuite],
    ['chain', chainSuite],
    ['proto', protoSuite],
  ] as const) {
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
  window.benchResults = { figures };
}

main().catch((error: unknown) => {
  status.textContent = `failed: ${String(error)}`;
  window.benchResults = { figures: {}, error: String(error) };
});
