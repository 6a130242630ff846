import { describe, expect, it } from 'vitest';
import { changedPages } from './diff';
import { PAGE_SIZE, captureImage } from './image';

const memoryOf = (pages: number) => new Uint8Array(new SharedArrayBuffer(pages * PAGE_SIZE));

describe('changedPages', () => {
  it('is empty for the memory the image was taken from', () => {
    const memory = memoryOf(4);
    memory.fill(5, PAGE_SIZE, PAGE_SIZE + 10);
    expect(changedPages(captureImage(memory, {}, 'x'), memory)).toEqual([]);
  });

  it('names pages whose stored bytes changed, and zero pages that were written', () => {
    const memory = memoryOf(6);
    memory.fill(5, PAGE_SIZE, 2 * PAGE_SIZE);
    const image = captureImage(memory, {}, 'x');
    memory[PAGE_SIZE + 100] = 6; // a stored page changed
    memory[4 * PAGE_SIZE + 9] = 1; // a zero page written
    expect(changedPages(image, memory)).toEqual([1, 4]);
    memory[PAGE_SIZE + 100] = 5;
    memory[4 * PAGE_SIZE + 9] = 0;
    expect(changedPages(image, memory)).toEqual([]);
  });

  it('counts written pages past the image when the memory grew', () => {
    const image = captureImage(memoryOf(1), {}, 'x');
    const grown = memoryOf(3);
    grown[2 * PAGE_SIZE] = 1;
    expect(changedPages(image, grown)).toEqual([2]);
  });
});
