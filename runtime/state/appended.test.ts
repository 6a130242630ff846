import { describe, expect, it } from 'vitest';
import { describeArena, StateArena } from '.';

const bytes = (...values: number[]) => Uint8Array.from(values);

describe('appended state', () => {
  it('appends elements and reads the first n back, concatenated', () => {
    const arena = StateArena.create();
    arena.append('u/log', bytes(1, 2, 3));
    arena.append('u/log', bytes(4));
    arena.append('u/log', bytes(5, 6));
    expect(Array.from(arena.readAppended('u/log', 100, 2))).toEqual([1, 2, 3, 4]);
    expect(Array.from(arena.readAppended('u/log', 6, 3))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(arena.readAppended('u/log', 0, 0).byteLength).toBe(0);
  });

  it('refuses more elements than appended, or a buffer too small', () => {
    const arena = StateArena.create();
    arena.append('u/log', bytes(1, 2, 3));
    expect(() => arena.readAppended('u/log', 100, 2)).toThrow(/key "u\/log" has 1 appended elements; 2 were asked for/);
    expect(() => arena.readAppended('u/log', 2, 1)).toThrow(/are 3 bytes; the buffer holds 2/);
    expect(() => arena.readAppended('u/none', 10, 1)).toThrow(/"u\/none" has 0 appended/);
  });

  it('spans chunks, clears, and reuses the chunks after clearing', () => {
    const arena = StateArena.create({ initialPages: 1 });
    const element = (i: number) => new Uint8Array(1000).fill(i);
    for (let i = 0; i < 20; i++) arena.append('u/log', element(i));
    const all = arena.readAppended('u/log', 20_000, 20);
    for (let i = 0; i < 20; i++) expect(all[i * 1000]).toBe(i);
    const used = arena.usedBytes;
    arena.clearAppended('u/log');
    expect(() => arena.readAppended('u/log', 10, 1)).toThrow(/0 appended/);
    for (let i = 0; i < 20; i++) arena.append('u/log', element(100 + i));
    expect(arena.usedBytes).toBe(used);
    expect(arena.readAppended('u/log', 20_000, 20)[19_000]).toBe(119);
    // An element larger than any kept chunk gets its own, and order is kept.
    arena.append('u/log', new Uint8Array(10_000).fill(7));
    const out = arena.readAppended('u/log', 30_000, 21);
    expect([out[19_000], out[20_000], out[29_999]]).toEqual([119, 7, 7]);
  });

  it('keeps appended state apart from the value, which can still be created with a size', () => {
    const arena = StateArena.create();
    arena.append('u/both', bytes(9));
    expect(arena.find('u/both')).toBeNull();
    const value = arena.ensure('u/both', 4);
    expect(Array.from(arena.bytes(value))).toEqual([0, 0, 0, 0]);
    expect(Array.from(arena.readAppended('u/both', 1, 1))).toEqual([9]);
  });
});

describe('describeArena', () => {
  it('lists keys by offset (appended-only keys last) with size, version, dirty state, locks and appended counts', () => {
    const arena = StateArena.create();
    const a = arena.ensure('u/a', 10);
    const b = arena.ensure('u/b', 100);
    arena.flagDirty(b, 0, 4);
    arena.lockRead(a);
    arena.lockWrite(b);
    arena.append('u/c', bytes(1, 2));
    const none = { count: 0, bytes: 0 };
    expect(describeArena(arena)).toEqual([
      { key: 'u/a', offset: a.offset, size: 10, version: 0, globalVersion: 0, dirty: 'clean', readers: 1, writer: false, appended: none },
      {
        key: 'u/b',
        offset: b.offset,
        size: 100,
        version: 1,
        globalVersion: 0,
        dirty: [{ offset: 0, length: 64 }],
        readers: 0,
        writer: true,
        appended: none,
      },
      { key: 'u/c', offset: null, size: 0, version: 0, globalVersion: 0, dirty: 'clean', readers: 0, writer: false, appended: { count: 1, bytes: 2 } },
    ]);
  });
});
