import { describe, expect, it } from 'vitest';
import { chunkCount, chunkLength, chunkWrites, CHUNK_BYTES, maskRanges, normalise } from './chunks';

describe('chunks', () => {
  it('splits a value into fixed chunks, the last one short', () => {
    expect(chunkCount(4096)).toBe(1);
    expect(chunkCount(CHUNK_BYTES * 2 + 1)).toBe(3);
    expect(chunkLength(CHUNK_BYTES * 2 + 1, 2)).toBe(1);
  });

  it('merges overlapping and touching ranges', () => {
    expect(normalise([{ offset: 10, length: 5 }, { offset: 0, length: 10 }, { offset: 30, length: 0 }, { offset: 12, length: 1 }])).toEqual([
      { offset: 0, length: 15 },
    ]);
  });

  it('writes a small dirty range as a patch of the one chunk it touches', () => {
    const size = CHUNK_BYTES * 4;
    expect(chunkWrites(size, [{ offset: CHUNK_BYTES * 2 + 100, length: 7 }])).toEqual([
      { index: 2, whole: false, patches: [{ offset: 100, length: 7 }] },
    ]);
  });

  it('writes covered chunks whole and patches the edges of a range that spans chunks', () => {
    const size = CHUNK_BYTES * 3 + 10;
    const writes = chunkWrites(size, [{ offset: CHUNK_BYTES - 4, length: CHUNK_BYTES * 2 + 14 }]);
    expect(writes).toEqual([
      { index: 0, whole: false, patches: [{ offset: CHUNK_BYTES - 4, length: 4 }] },
      { index: 1, whole: true },
      { index: 2, whole: true },
      { index: 3, whole: true },
    ]);
  });

  it('selects the runs of non-zero mask bytes', () => {
    expect(maskRanges(new Uint8Array([0, 1, 1, 0, 0, 9, 0, 1]))).toEqual([
      { offset: 1, length: 2 },
      { offset: 5, length: 1 },
      { offset: 7, length: 1 },
    ]);
  });
});
