/**
 * The chaos test of issue 14, in Chromium: the bench page's faults suite drives real Faaslet
 * Workers through the real supervisor and a real global tier (bench/faults/chaos.ts), with a
 * seeded schedule of kills (Stop and CPU-time limits) landing at random points of lockers, key
 * makers, appenders, pushers and pullers. Every violation it finds (two holders, a stuck lock, a
 * lost update, a torn table, global value or appended element, a write after a reported kill)
 * is logged as a console error, which fails the test with its text, and counted.
 */
import { expect, test } from './fixtures';

interface Results {
  figures: Record<string, number>;
  error?: string;
}

const ROUNDS = 25;

for (const seed of [14]) {
  test(`over a hundred Faaslets killed at random moments keep locks, counters, the key table, global values and the log whole (seed ${seed})`, async ({ page }) => {
    test.setTimeout(300_000);
    await page.goto(`/bench/?only=faults&kills=30&rounds=${ROUNDS}&seed=${seed}`);
    await page.waitForFunction(() => (window as unknown as { benchResults?: Results }).benchResults, null, {
      timeout: 290_000,
      polling: 250,
    });
    const results = await page.evaluate(() => (window as unknown as { benchResults: Results }).benchResults);
    expect(results.error).toBeUndefined();
    expect(results.figures['faults.chaos_rounds']).toBe(ROUNDS);
    // The schedule really kills: a chaos run that killed nothing would prove nothing.
    expect(results.figures['faults.chaos_kills']).toBeGreaterThanOrEqual(100);
    expect(results.figures['faults.chaos_violations']).toBe(0);
    expect(results.figures['faults.writes_after_kill']).toBe(0);
    // A killed call's pull never writes shared memory after its kill was reported.
    expect(results.figures['faults.late_pulls']).toBe(0);
    expect(results.figures['faults.late_pushes']).toBe(0);
  });
}
