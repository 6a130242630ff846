import { describe, expect, it } from 'vitest';
import { PAGE_SIZE, captureImage, type ProtoImage } from './image';
import type { ProtoPersistence } from './persist';
import { ProtoStore } from './store';

function memoryPersistence(initial: [string, ProtoImage][] = []): ProtoPersistence & { saved: Map<string, ProtoImage> } {
  const saved = new Map(initial);
  return {
    saved,
    loadAll: async () => new Map(saved),
    put: async (fn, image) => void saved.set(fn, image),
    delete: async (fn) => void saved.delete(fn),
  };
}

const imageOf = (fingerprint: string) => {
  const memory = new Uint8Array(new SharedArrayBuffer(2 * PAGE_SIZE));
  memory[7] = 1;
  return captureImage(memory, { __faasm_global_0: 66_560 }, fingerprint);
};

describe('ProtoStore', () => {
  it('keeps one image per function, persisted, and lists it with its start counts', async () => {
    const persistence = memoryPersistence();
    const store = new ProtoStore(persistence);
    await store.put('demo/f', imageOf('h1'), 'h1');
    store.recordStart('demo/f', 'cold', true);
    store.recordStart('demo/f', 'warm', false);
    store.recordStart('demo/f', 'warm', false);
    // A cold start of a function without a zygote (or one that lost its image) runs none.
    store.recordStart('demo/f', 'cold', false);
    expect(store.image('demo/f')?.fingerprint).toBe('h1');
    expect(persistence.saved.has('demo/f')).toBe(true);
    expect(store.list()).toEqual([
      {
        function: 'demo/f',
        image: expect.objectContaining({ memoryBytes: 2 * PAGE_SIZE, pages: 1, globals: 1, fingerprint: 'h1' }),
        zygoteRuns: 1,
        starts: { cold: 2, restored: 0, warm: 2 },
      },
    ]);
  });

  it('refuses an image taken before a rebuild, and forgets one on invalidate', async () => {
    const persistence = memoryPersistence();
    const store = new ProtoStore(persistence);
    await expect(store.put('demo/f', imageOf('old'), 'new')).rejects.toThrow(/does not match the current build of demo\/f/);
    await store.put('demo/f', imageOf('new'), 'new');
    await store.invalidate('demo/f');
    expect(store.image('demo/f')).toBeNull();
    expect(persistence.saved.size).toBe(0);
  });

  it('loads persisted images of unchanged builds and drops the stale ones', async () => {
    const persistence = memoryPersistence([
      ['demo/same', imageOf('h1')],
      ['demo/rebuilt', imageOf('h2')],
      ['demo/deleted', imageOf('h3')],
    ]);
    const store = new ProtoStore(persistence);
    await store.load((fn) => ({ 'demo/same': 'h1', 'demo/rebuilt': 'h2-new' })[fn]);
    expect(store.image('demo/same')?.fingerprint).toBe('h1');
    expect(store.image('demo/rebuilt')).toBeNull();
    expect([...persistence.saved.keys()]).toEqual(['demo/same']);
  });
});
