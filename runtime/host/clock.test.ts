import { describe, expect, it } from 'vitest';
import { createClockWord, UserClock } from './clock';
import { fillRandom } from './random';

describe('UserClock', () => {
  it('never goes backwards when another Faaslet of the user read a later time', () => {
    const word = createClockWord();
    const ahead = new UserClock(word, () => 2_000);
    const behind = new UserClock(word, () => 1_000);
    expect(ahead.monotonicNs()).toBe(2_000_000_000n);
    // A Worker whose reading lags (coarsening jitter) gets the high-water mark, not its own reading.
    expect(behind.monotonicNs()).toBe(2_000_000_000n);
  });

  it('follows the clock forward', () => {
    let now = 5;
    const clock = new UserClock(createClockWord(), () => now);
    const first = clock.monotonicNs();
    now = 5.5;
    expect(clock.monotonicNs() - first).toBe(500_000n);
  });

  it('keeps users apart', () => {
    const alice = new UserClock(createClockWord(), () => 9_000);
    const bob = new UserClock(createClockWord(), () => 1);
    alice.monotonicNs();
    expect(bob.monotonicNs()).toBe(1_000_000n);
  });
});

describe('fillRandom', () => {
  it('fills a shared view in chunks of at most 65536 bytes', () => {
    const target = new Uint8Array(new SharedArrayBuffer(150_000));
    const sizes: number[] = [];
    fillRandom(target, (chunk) => {
      expect(chunk.buffer).not.toBeInstanceOf(SharedArrayBuffer);
      sizes.push(chunk.byteLength);
      chunk.fill(7);
    });
    expect(sizes).toEqual([65536, 65536, 18928]);
    expect(target.every((b) => b === 7)).toBe(true);
  });

  it('fills with real randomness by default', () => {
    const target = new Uint8Array(new SharedArrayBuffer(4096));
    fillRandom(target);
    expect(new Set(target).size).toBeGreaterThan(100);
  });
});
