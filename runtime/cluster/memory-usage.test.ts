import { describe, expect, it } from 'vitest';
import { PAGE_SIZE } from '../proto/image';
import { StateArena } from '../state';
import { measureMemory, residentBytes } from './memory-usage';

describe('memory usage', () => {
  it('counts the pages of memory 0 that hold data, not the memory size', () => {
    const memory = new WebAssembly.Memory({ initial: 8, maximum: 16, shared: true });
    expect(residentBytes(memory)).toBe(0);
    const bytes = new Uint8Array(memory.buffer);
    bytes[10] = 1;
    bytes[3 * PAGE_SIZE + PAGE_SIZE - 1] = 7;
    expect(residentBytes(memory)).toBe(2 * PAGE_SIZE);
    memory.grow(4);
    new Uint8Array(memory.buffer)[11 * PAGE_SIZE] = 1;
    expect(residentBytes(memory)).toBe(3 * PAGE_SIZE);
  });

  it('adds the local tier\'s allocated state to the Faaslets\' pages', () => {
    const memory = new WebAssembly.Memory({ initial: 2, maximum: 2, shared: true });
    new Uint8Array(memory.buffer)[0] = 1;
    const arena = StateArena.create();
    arena.ensure('u/weights', 2048);
    const usage = measureMemory({ faasletMemories: [memory, memory], arenas: [arena] }, 5);
    expect(usage).toEqual({ at: 5, faaslets: 2, faasletBytes: 2 * PAGE_SIZE, localTierBytes: arena.usedBytes, totalBytes: 2 * PAGE_SIZE + arena.usedBytes });
    expect(arena.usedBytes).toBeGreaterThanOrEqual(2048);
  });
});
