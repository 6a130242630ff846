/**
 * The chaos test of issue 14, in Chromium: the bench page's faults suite drives real Faaslet
 * Workers through the real supervisor on one shared arena (bench/faults/chaos.ts), with a
 * seeded schedule of kills (Stop and CPU-time limits). Every violation it finds (two holders,
 * a stuck lock, a lost update, a torn table or log, a write after a reported kill) is logged
 * as a console error, which fails the test with its text, and counted.
 */
import { expect, test } from './fixtures';

interface Results {
  figures: Record<string, number>;
  error?: string;
}

for (const seed of [14, 1729]) {
  test(`Faaslets killed at random moments keep locks, counters, the key table and the log whole (seed ${seed})`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.goto(`/bench/?only=faults&kills=30&rounds=15&seed=${seed}`);
    await page.waitForFunction(() => (window as unknown as { benchResults?: Results }).benchResults, null, {
      timeout: 170_000,
      polling: 250,
    });
    const results = await page.evaluate(() => (window as unknown as { benchResults: Results }).benchResults);
    expect(results.error).toBeUndefined();
    expect(results.figures['faults.chaos_rounds']).toBe(15);
    // The schedule really kills: a chaos run that killed nothing would prove nothing.
    expect(results.figures['faults.chaos_kills']).toBeGreaterThan(15);
    expect(results.figures['faults.chaos_violations']).toBe(0);
    expect(results.figures['faults.writes_after_kill']).toBe(0);
  });
}
