import { describe, expect, it } from 'vitest';
import { zeroFillFor } from './zero-fill';
import { BLOCK_SIZE, PAGE_SIZE, ProtoImageError, captureImage, checkImageFor, cloneImage, imageBytes, imagePages, restoreImage } from './image';

const memoryOf = (pages: number) => new Uint8Array(new SharedArrayBuffer(pages * PAGE_SIZE));

describe('Proto-Faaslet images', () => {
  it('keep only non-zero 4 KiB blocks, merged into extents, in shared memory', () => {
    const memory = memoryOf(4);
    memory[10] = 1; // block 0
    memory.fill(7, BLOCK_SIZE, 3 * BLOCK_SIZE); // blocks 1–2, merged with block 0
    memory[3 * PAGE_SIZE + 5] = 9; // one block in page 3
    const image = captureImage(memory, { __faasm_global_0: 1024, __faasm_global_1: -5n }, 'abc');
    expect([...image.extents]).toEqual([0, 3 * BLOCK_SIZE, 3 * PAGE_SIZE, BLOCK_SIZE]);
    expect(image.data.byteLength).toBe(4 * BLOCK_SIZE);
    expect(image.data.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(image.memoryBytes).toBe(4 * PAGE_SIZE);
    expect(imagePages(image)).toEqual([0, 3]);
    expect(imageBytes(image)).toBe(4 * BLOCK_SIZE + 16);
    expect(image.globals).toEqual({ __faasm_global_0: 1024, __faasm_global_1: -5n });
  });

  it('restore makes memory equal to the image, zeroing what a call wrote anywhere', () => {
    const memory = memoryOf(3);
    memory.fill(0xab, 100, 70_000);
    memory[2 * PAGE_SIZE + 1] = 4;
    const image = captureImage(memory, {}, 'abc');
    const before = memory.slice();
    memory.fill(0xff); // a call scribbled over everything
    restoreImage(image, memory);
    expect(Buffer.compare(memory, before)).toBe(0); // toEqual on 192 KiB is slow
  });

  it('restore zeroes with wasm memory.fill on a Faaslet memory just the same', () => {
    const wasmMemory = new WebAssembly.Memory({ initial: 3, maximum: 16, shared: true });
    const memory = new Uint8Array(wasmMemory.buffer);
    memory.fill(9, 5000, 9000);
    const image = captureImage(memory, {}, 'abc');
    memory.fill(0xff);
    restoreImage(image, memory, zeroFillFor(wasmMemory));
    expect(memory.subarray(0, 4096).every((b) => b === 0)).toBe(true);
    expect(memory.subarray(5000, 9000).every((b) => b === 9)).toBe(true);
    expect(memory.subarray(12288).every((b) => b === 0)).toBe(true);
  });

  it('restore zeroes pages past the image when the memory has grown', () => {
    const small = memoryOf(1);
    small[3] = 3;
    const image = captureImage(small, {}, 'abc');
    const grown = memoryOf(2);
    grown.fill(1);
    restoreImage(image, grown);
    expect(grown[3]).toBe(3);
    expect(grown.subarray(4).every((b) => b === 0)).toBe(true);
  });

  it('refuses a memory smaller than the image, and an image of another module', () => {
    const image = captureImage(memoryOf(2), {}, 'aaaaaaaaaaaaaaaa');
    expect(() => restoreImage(image, memoryOf(1))).toThrow(/has 1 pages; the image needs 2/);
    expect(() => checkImageFor(image, 'bbbbbbbbbbbbbbbb')).toThrow(ProtoImageError);
    expect(() => checkImageFor(image, 'bbbbbbbbbbbbbbbb')).toThrow(/aaaaaaaaaaaa does not match this module \(bbbbbbbbbbbb\)/);
    expect(() => checkImageFor(image, 'aaaaaaaaaaaaaaaa')).not.toThrow();
  });

  it('an all-zero memory costs no data', () => {
    const image = captureImage(memoryOf(64), {}, 'abc');
    expect(image.data.byteLength).toBe(0);
    expect(imagePages(image)).toEqual([]);
  });

  it('a clone holds its own shared bytes, from shared or plain views, and restores the same memory', () => {
    const memory = memoryOf(2);
    memory.fill(3, 100, 9000);
    const image = captureImage(memory, { __faasm_global_0: 7 }, 'abc');
    // As IndexedDB hands an image back: plain buffers.
    const plain = { ...image, extents: image.extents.slice(), data: image.data.slice() };
    for (const clone of [cloneImage(image), cloneImage(plain)]) {
      expect(clone.data.buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(clone.extents.buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(clone.data.buffer).not.toBe(image.data.buffer);
      expect(clone.globals).toEqual(image.globals);
      const target = memoryOf(2);
      restoreImage(clone, target);
      expect(Buffer.compare(target, memory)).toBe(0);
    }
  });
});
