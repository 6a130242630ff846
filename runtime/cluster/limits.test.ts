import { describe, expect, it } from 'vitest';
import { CallResources } from './call-resources';
import { checkLimits, DEFAULT_LIMITS } from './limits';
import { MemoryFileStore } from '../host/files/memory-store.test-support';

describe('function limits', () => {
  it('accepts whole MiB up to what memory 0 can import, and bandwidths of 0 or more', () => {
    expect(checkLimits({ memoryMiB: 1, bytesPerSecond: null })).toBeNull();
    expect(checkLimits({ memoryMiB: 2047, bytesPerSecond: 0 })).toBeNull();
    expect(checkLimits({ memoryMiB: 2048, bytesPerSecond: null })).toMatch(/from 1 to 2047, not 2048/);
    expect(checkLimits({ memoryMiB: 1.5, bytesPerSecond: null })).toMatch(/whole number/);
    expect(checkLimits({ memoryMiB: 64, bytesPerSecond: -1 })).toMatch(/0 or more, not -1/);
    expect(checkLimits({ memoryMiB: 64, bytesPerSecond: Number.NaN })).toMatch(/bytes per second/);
  });

  it('are kept per function: a bandwidth of 0 is unshaped, and a refused limit changes nothing', async () => {
    const resources = new CallResources(new MemoryFileStore(), () => {});
    await resources.prepare('demo');
    resources.setLimits('demo/a', { memoryMiB: 32, bytesPerSecond: 0 });
    expect(resources.limitsOf('demo/a')).toEqual({ memoryMiB: 32, bytesPerSecond: null });
    expect(resources.limitsOf('demo/b')).toEqual(DEFAULT_LIMITS);
    expect(() => resources.setLimits('demo/a', { memoryMiB: 0, bytesPerSecond: null })).toThrow('demo/a: the memory limit');
    expect(resources.limitsOf('demo/a').memoryMiB).toBe(32);
    resources.setLimits('demo/a', { memoryMiB: 32, bytesPerSecond: 4096 });
    expect(resources.jobFields('demo', 'demo/a').bandwidth).toBe(4096);
  });
});
