// Issue 15's figures: how many of the conformance cases (e2e/conformance/) give Faasm's results.
// Runs the conformance spec itself against the bench's own preview server and reads the summary it
// writes; a failing case lowers the count, it does not stop the benchmark.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const SUMMARY = 'test-results/conformance-summary.json';

export function conformanceBench(port) {
  rmSync(SUMMARY, { force: true });
  const env = { ...process.env, E2E_PORT: String(port) };
  // Playwright reuses a running server unless CI is set; the bench's server is already up.
  delete env.CI;
  const run = spawnSync(process.execPath, ['node_modules/@playwright/test/cli.js', 'test', 'e2e/conformance.spec.ts'], {
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (!existsSync(SUMMARY)) throw new Error(`conformance spec wrote no summary (exit ${run.status})`);
  const { passed, total } = JSON.parse(readFileSync(SUMMARY, 'utf8'));
  return { 'fidelity.conformance_passed': passed, 'fidelity.conformance_total': total };
}
