import { describe, expect, it } from 'vitest';
import { CHUNK_BYTES } from './chunks';
import { MemoryGlobalStore } from './memory-store.test-support';
import { GlobalTierError } from './store';
import { pullValue, pushValue } from './values';

/** Deep equality on megabytes is slow in expect(); compare the bytes directly. */
const same = (a: Uint8Array | undefined, b: Uint8Array) => a !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);

/** A value in shared memory, as a state arena holds it. */
function sharedValue(size: number, seed: number): Uint8Array {
  const value = new Uint8Array(new SharedArrayBuffer(size));
  for (let i = 0; i < size; i++) value[i] = (i * 31 + seed) & 0xff;
  return value;
}

describe('push and pull', () => {
  it('round-trips a value of several chunks exactly, bumping the version per push', async () => {
    const store = new MemoryGlobalStore();
    const value = sharedValue(CHUNK_BYTES * 4 + 123, 7);
    expect(await pushValue(store, 'u/k', value, 'whole')).toEqual({ version: 1, bytes: value.byteLength });
    expect((await pushValue(store, 'u/k', value, 'whole')).version).toBe(2);
    const pulled = await pullValue(store, 'u/k');
    expect(pulled?.info).toMatchObject({ key: 'u/k', size: value.byteLength, version: 2 });
    expect(same(pulled?.value, value)).toBe(true);
  });

  it('a partial push writes only the dirty range, in the one chunk it touches', async () => {
    const store = new MemoryGlobalStore();
    const size = CHUNK_BYTES * 4;
    await pushValue(store, 'u/k', sharedValue(size, 1), 'whole');
    const local = sharedValue(size, 2); // differs everywhere from the global value
    store.chunkPuts = 0;
    const offset = CHUNK_BYTES * 3 + 5;
    expect(await pushValue(store, 'u/k', local, [{ offset, length: 7 }])).toEqual({ version: 2, bytes: 7 });
    expect(store.chunkPuts).toBe(1);
    const expected = sharedValue(size, 1).slice();
    expected.set(local.subarray(offset, offset + 7), offset);
    expect(same((await pullValue(store, 'u/k'))?.value, expected)).toBe(true);
  });

  it('a key the global tier lacks is pushed whole, even from a partial push', async () => {
    const store = new MemoryGlobalStore();
    const value = sharedValue(1000, 3);
    expect(await pushValue(store, 'u/k', value, [{ offset: 10, length: 2 }])).toEqual({ version: 1, bytes: 1000 });
    expect(same((await pullValue(store, 'u/k'))?.value, value)).toBe(true);
  });

  it('refuses a value whose size differs from the global one', async () => {
    const store = new MemoryGlobalStore();
    await pushValue(store, 'u/k', sharedValue(8, 0), 'whole');
    await expect(pushValue(store, 'u/k', sharedValue(16, 0), 'whole')).rejects.toThrow(GlobalTierError);
    await expect(pushValue(store, 'u/k', sharedValue(16, 0), 'whole')).rejects.toThrow('has 8 bytes in the global tier; this host\'s value has 16');
  });

  it('a failed write keeps nothing of the push: the old version and bytes stay', async () => {
    const store = new MemoryGlobalStore();
    const first = sharedValue(CHUNK_BYTES * 3, 1);
    await pushValue(store, 'u/k', first, 'whole');
    store.failPut = 2; // chunks 0 and 1 are put, then the quota runs out
    await expect(pushValue(store, 'u/k', sharedValue(CHUNK_BYTES * 3, 9), 'whole')).rejects.toMatchObject({ name: 'QuotaExceededError' });
    const pulled = await pullValue(store, 'u/k');
    expect(pulled?.info.version).toBe(1);
    expect(same(pulled?.value, first)).toBe(true);
  });

  it('pulling a key the global tier lacks gives null', async () => {
    expect(await pullValue(new MemoryGlobalStore(), 'u/none')).toBeNull();
  });
});
