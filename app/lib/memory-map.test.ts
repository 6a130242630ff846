import { describe, expect, it } from 'vitest';
import type { ArenaKeyInfo } from '../../runtime';
import { pageColumns, privateRegions, regionAt, windowExtent, windowRegions } from './memory-map';
import { parseAddress, typedValues } from './typed-values';

describe('memory map geometry', () => {
  it('splits memory 0 into stack, data and heap from the module layout', () => {
    const size = 80 * 65536;
    expect(privateRegions({ stackTop: 4194304, dataEnd: 4200000, heapBase: 4259840 }, size)).toEqual([
      { label: 'stack', kind: 'stack', start: 0, end: 4194304 },
      { label: 'data', kind: 'data', start: 4194304, end: 4200000 },
      { label: 'heap', kind: 'heap', start: 4259840, end: size },
    ]);
    expect(privateRegions(null, 65536)).toEqual([{ label: 'memory 0', kind: 'heap', start: 0, end: 65536 }]);
  });

  it('places each key where it lives in the arena, and finds it under a pixel', () => {
    const key = (name: string, offset: number | null, size: number): ArenaKeyInfo => ({
      key: name, offset, size, version: 1, globalVersion: 0, dirty: 'clean', readers: 0, writer: false,
    });
    const keys = [key('demo/counter', 0, 4), key('demo/appended', null, 0), key('demo/board', 64, 64)];
    const regions = windowRegions(keys, 1024);
    expect(regions.map((r) => [r.label, r.start, r.end])).toEqual([['counter', 0, 4], ['board', 64, 128]]);
    expect(regionAt(regions, 10, 100, 1024)?.label).toBe('board');
    expect(regionAt(regions, 50, 100, 1024)).toBeNull();
    expect(windowExtent(regions, 1 << 20)).toBe(4096);
    expect(windowExtent([{ label: 'big', kind: 'key', start: 0, end: 100_000 }], 1 << 20)).toBe(126_976);
  });

  it('aggregates changed pages of a 1 GiB memory into pixel columns', () => {
    const columns = pageColumns([0, 8191, 16383], 16384, 400);
    expect(columns.length).toBe(400);
    expect([...columns.entries()].filter(([, v]) => v).map(([i]) => i)).toEqual([0, 199, 399]);
    // A small memory: each page covers several pixels.
    expect([...pageColumns([1], 4, 8)]).toEqual([0, 0, 1, 1, 0, 0, 0, 0]);
  });
});

describe('typed values', () => {
  it('reads the counter 200000 as i32, and text as UTF-8 up to its NUL', () => {
    const values = typedValues(Uint8Array.of(0x40, 0x0d, 0x03, 0x00, 0, 0, 0, 0));
    expect(values.find((v) => v.type === 'i32')?.text).toBe('200000');
    expect(values.find((v) => v.type === 'u32 / pointer')?.text).toBe('200000 (0x00030d40)');
    const text = typedValues(new TextEncoder().encode('hello\0world'));
    expect(text.find((v) => v.type === 'UTF-8')?.text).toBe('"hello"');
  });

  it('parses addresses as hex or decimal, and refuses the rest', () => {
    expect(parseAddress('0x8000_0000')).toBe(0x8000_0000);
    expect(parseAddress('80000000')).toBe(80000000);
    expect(parseAddress('ff')).toBe(255);
    expect(parseAddress('4096')).toBe(4096);
    expect(parseAddress('0x1_0000_0000')).toBeNull();
    expect(parseAddress('pointer')).toBeNull();
  });
});
