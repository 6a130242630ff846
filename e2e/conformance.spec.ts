/**
 * Conformance with Faasm (issue 15): for each behaviour of Faasm's own functions (faasm/cpp
 * func/demo and func/errors, checked by faasm/faasm's tests), a function written here
 * (e2e/conformance/) is created, built and run from the UI on the default 2-host cluster, and its
 * status, return code, output, stdout and stderr are those Faasm's tests expect. Every case is
 * checked (soft assertions) and the count that passed is written for the benchmark.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { expect, test, type Playground } from './fixtures';
import { CASES, CONFORMANCE_USER, functionName, languageOf, sourceOf, SUMMARY_PATH, type ConformanceCase } from './conformance/cases';

// The editor draws only the lines in view, and the fixture reads a pasted function back from them.
test.use({ viewport: { width: 1280, height: 1800 } });

const FINAL = /^(ok|failed|trapped|killed|stopped|refused)$/;

async function text(playground: Playground, testId: string): Promise<string> {
  return (await playground.output(testId).textContent()) ?? '';
}

async function runCase(playground: Playground, c: ConformanceCase) {
  const key = `${CONFORMANCE_USER}/${functionName(c)}`;
  await playground.selectFunction(key);
  await playground.setInput(c.input ?? '');
  for (let run = 1; run <= (c.runs ?? 1); run++) {
    await playground.page.getByTestId('output.tab.output').click();
    await playground.run();
    await expect(playground.output('output.status')).toHaveAttribute('data-status', FINAL, { timeout: 180_000 });
    const at = `${key} (run ${run})`;
    await expect.soft(playground.output('output.status'), at).toHaveAttribute('data-status', c.status);
    expect.soft(await text(playground, 'output.returncode'), `${at}: return code`).toBe(String(c.returnCode));
    if (c.output !== undefined) expect.soft(await text(playground, 'output.text'), `${at}: output`).toBe(c.output);
    if (c.stdout !== undefined) expect.soft(await text(playground, 'output.stdout'), `${at}: stdout`).toBe(c.stdout);
    if (c.stdoutPattern) expect.soft(await text(playground, 'output.stdout'), `${at}: stdout`).toMatch(new RegExp(c.stdoutPattern));
    if (c.stderrPattern) expect.soft(await text(playground, 'output.stderr'), `${at}: stderr`).toMatch(new RegExp(c.stderrPattern));
  }
  if (c.hosts) {
    await playground.showCalls();
    const hosts = await playground.callNodes().evaluateAll((nodes) => [...new Set(nodes.map((n) => n.getAttribute('data-host')))]);
    expect.soft(hosts.length, `${key}: hosts its calls ran on (${hosts.join(', ')})`).toBe(c.hosts);
  }
}

test("Faasm's behaviours, each a function built and run from the UI on 2 hosts, give Faasm's results", async ({ playground }) => {
  test.setTimeout(20 * 60_000);
  await playground.open();
  await expect(playground.output('cluster.hosts')).toHaveValue('2');
  for (const c of CASES) await playground.createFunction(`${CONFORMANCE_USER}/${functionName(c)}`, sourceOf(c), 'function', languageOf(c));
  await playground.buildAll(CONFORMANCE_USER, 15 * 60_000);

  const results: { case: string; passed: boolean }[] = [];
  for (const c of CASES) {
    const before = test.info().errors.length;
    await runCase(playground, c);
    results.push({ case: functionName(c), passed: test.info().errors.length === before });
  }
  const passed = results.filter((r) => r.passed).length;
  mkdirSync(dirname(SUMMARY_PATH), { recursive: true });
  writeFileSync(SUMMARY_PATH, `${JSON.stringify({ passed, total: CASES.length, results }, null, 2)}\n`);
  expect(results.filter((r) => !r.passed).map((r) => r.case)).toEqual([]);
});
