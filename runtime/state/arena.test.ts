import { describe, expect, it } from 'vitest';
import { ALIGNMENT, describeArena, StateArena, StateError } from '.';
import { findOrInsertSlot, keyName } from './table';

const PAGE = 65536;

describe('allocation and the key table', () => {
  it('places every value on a 64-byte boundary, zero-filled', () => {
    const arena = StateArena.create();
    const sizes = [1, 7, 64, 65, 1000, 3];
    const values = sizes.map((size, i) => arena.ensure(`u/k${i}`, size));
    for (const value of values) {
      expect(value.offset % ALIGNMENT).toBe(0);
      expect(arena.bytes(value).every((byte) => byte === 0)).toBe(true);
    }
    // Consecutive and non-overlapping.
    values.slice(1).forEach((value, i) => expect(value.offset).toBe(Math.ceil((values[i]!.offset + sizes[i]!) / 64) * 64));
  });

  it('returns the same offset for the same key, and fixes the size at creation', () => {
    const arena = StateArena.create();
    const first = arena.ensure('u/weights', 100);
    expect(arena.ensure('u/weights', 100)).toEqual(first);
    expect(arena.ensure('u/weights', 10)).toEqual(first);
    expect(arena.find('u/weights')).toEqual(first);
    expect(() => arena.ensure('u/weights', 101)).toThrow(/key "u\/weights" has size 100.*101 bytes were asked for/);
  });

  it('reports a missing key as size 0 and refuses to create one without a size', () => {
    const arena = StateArena.create();
    expect(arena.find('u/none')).toBeNull();
    expect(arena.sizeOf('u/none')).toBe(0);
    expect(() => arena.ensure('u/none', 0)).toThrow(StateError);
    expect(() => arena.require('u/none')).toThrow(/key "u\/none" has never been created with a size/);
  });

  it('holds many keys, refuses one past the table, and refuses over-long names', () => {
    const arena = StateArena.create({ maxKeys: 500, maxKeyBytes: 32 });
    const offsets = new Set<number>();
    for (let i = 0; i < 500; i++) offsets.add(arena.ensure(`user/key-${i}`, 8).offset);
    expect(offsets.size).toBe(500);
    for (let i = 0; i < 500; i += 37) expect(arena.find(`user/key-${i}`)?.size).toBe(8);
    expect(() => arena.ensure('user/one-too-many', 8)).toThrow(/key table is full \(500 keys\)/);
    expect(() => arena.find('u/' + 'x'.repeat(40))).toThrow(/at most 32/);
  });

  it('grows the shared memory when a value does not fit, keeping earlier values', () => {
    const arena = StateArena.create({ initialPages: 1 });
    const small = arena.ensure('u/small', 16);
    arena.bytes(small).set([1, 2, 3]);
    const big = arena.ensure('u/big', 3 * PAGE);
    expect(arena.memory.buffer.byteLength).toBeGreaterThanOrEqual(big.offset + 3 * PAGE);
    expect(Array.from(arena.bytes(small, 0, 3))).toEqual([1, 2, 3]);
    arena.bytes(big, 3 * PAGE - 1, 1)[0] = 9;
    // Another attachment sees the grown memory through the same handle.
    const other = StateArena.attach(arena.handle);
    expect(other.bytes(other.require('u/big'), 3 * PAGE - 1, 1)[0]).toBe(9);
  });

  it('refuses a value past the quota with a clear message, and creates nothing', () => {
    const arena = StateArena.create({ quotaBytes: 4 * PAGE });
    arena.ensure('u/a', 3 * PAGE);
    expect(() => arena.ensure('u/b', 2 * PAGE)).toThrow(/state arena quota exceeded: key "u\/b" needs 131072 bytes/);
    expect(arena.find('u/b')).toBeNull();
    expect(describeArena(arena).map((info) => info.key)).toEqual(['u/a']);
    expect(arena.ensure('u/c', PAGE / 2).size).toBe(PAGE / 2);
    expect(arena.usedBytes).toBeLessThanOrEqual(arena.quotaBytes);
  });

  it('refuses views past a value', () => {
    const arena = StateArena.create();
    const value = arena.ensure('u/v', 10);
    expect(arena.bytes(value, 8, 2).byteLength).toBe(2);
    expect(() => arena.bytes(value, 8, 3)).toThrow(/3 bytes at offset 8 run past the end of key "u\/v" \(10 bytes\)/);
    expect(() => arena.bytes(value, -1, 1)).toThrow(StateError);
  });

  it('attaches only to a real arena handle', () => {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
    expect(() => StateArena.attach({ memory, meta: new SharedArrayBuffer(64) })).toThrow(/not a state arena/);
  });
});

describe('dirty flags and versions', () => {
  it('flags the whole value or the 64-byte chunks of flagged ranges, and takes them', () => {
    const arena = StateArena.create();
    arena.ensure('u/before', 10);
    const value = arena.ensure('u/d', 5000);
    const after = arena.ensure('u/after', 64);
    expect(arena.dirtyOf(value)).toBe('clean');
    arena.flagDirty(value, 10, 5);
    arena.flagDirty(value, 4000, 10);
    arena.flagDirty(after, 0, 1);
    // Far-apart ranges stay apart; nothing between them is dirty.
    expect(arena.dirtyOf(value)).toEqual([
      { offset: 0, length: 64 },
      { offset: 3968, length: 64 },
    ]);
    expect(arena.versionOf(value)).toBe(2);
    arena.flagDirty(value, 4990, 10);
    expect(arena.dirtyOf(value)).toEqual([
      { offset: 0, length: 64 },
      { offset: 3968, length: 64 },
      { offset: 4928, length: 72 },
    ]);
    expect(arena.takeDirty(value)).toHaveLength(3);
    expect(arena.dirtyOf(value)).toBe('clean');
    // Taking one key's chunks leaves its neighbour's, which may share a bitmap word.
    expect(arena.dirtyOf(after)).toEqual([{ offset: 0, length: 64 }]);
    arena.flagDirty(value);
    expect(arena.takeDirty(value)).toBe('whole');
    expect(arena.dirtyOf(value)).toBe('clean');
    arena.markDirty(value, [{ offset: 100, length: 1 }]);
    expect(arena.dirtyOf(value)).toEqual([{ offset: 64, length: 64 }]);
    expect(arena.versionOf(value)).toBe(4);
    expect(() => arena.flagDirty(value, 4995, 10)).toThrow(/run past the end of key "u\/d"/);
  });

});

describe('describeArena', () => {
  it('lists keys by offset (keys without a value last) with size, version, dirty state and locks', () => {
    const arena = StateArena.create();
    const a = arena.ensure('u/a', 10);
    const b = arena.ensure('u/b', 100);
    arena.flagDirty(b, 0, 4);
    arena.lockRead(a);
    arena.lockWrite(b);
    // A key whose creation a kill cut off after its record, before its value.
    findOrInsertSlot(arena.metadata, keyName(arena.metadata, 'u/c'));
    expect(describeArena(arena)).toEqual([
      { key: 'u/a', offset: a.offset, size: 10, version: 0, globalVersion: 0, dirty: 'clean', readers: 1, writer: false },
      { key: 'u/b', offset: b.offset, size: 100, version: 1, globalVersion: 0, dirty: [{ offset: 0, length: 64 }], readers: 0, writer: true },
      { key: 'u/c', offset: null, size: 0, version: 0, globalVersion: 0, dirty: 'clean', readers: 0, writer: false },
    ]);
    expect(arena.ensure('u/c', 8).size).toBe(8);
  });
});
