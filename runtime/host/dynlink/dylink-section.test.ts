import { describe, expect, it } from 'vitest';
import { WasmFormatError } from '../../toolchain/wasm-binary';
import { dylinkOf, parseDylink } from './dylink-section';
import { dylinkPayload, sideModule } from './side-module.test-support';

describe('the dylink.0 section', () => {
  it('reads memory and table needs, needed libraries and weak imports, skipping what it does not use', () => {
    const info = parseDylink(dylinkPayload({
      memorySize: 70000, memoryAlign: 4, tableSize: 3, tableAlign: 1,
      needed: ['libz.so'], weak: [['env', 'maybe'], ['GOT.mem', 'flag']],
    }));
    expect(info).toEqual({
      memorySize: 70000, memoryAlign: 4, tableSize: 3, tableAlign: 1,
      needed: ['libz.so'], weakImports: new Set(['env.maybe', 'GOT.mem.flag']),
    });
    // An unknown subsection (5: runtime paths) is skipped by its size.
    expect(parseDylink(Uint8Array.from([5, 3, 1, 1, 0x2f, 1, 4, 2, 0, 0, 0])).memorySize).toBe(2);
  });

  it('refuses a truncated or padded subsection', () => {
    expect(() => parseDylink(Uint8Array.from([1, 9, 1, 2]))).toThrow(WasmFormatError);
    expect(() => parseDylink(Uint8Array.from([1, 5, 1, 2, 0, 0, 7]))).toThrow(/1 bytes left over/);
    expect(() => parseDylink(Uint8Array.from([2, 2, 1, 5]))).toThrow(WasmFormatError);
    expect(() => parseDylink(Uint8Array.from([1, 4, 0, 40, 0, 0]))).toThrow(/alignment/);
  });

  it('is found in a compiled module, and a module without one is no side module', async () => {
    const side = await sideModule('(module)', { memorySize: 16, tableSize: 2 });
    expect(dylinkOf(new WebAssembly.Module(side as Uint8Array<ArrayBuffer>))).toMatchObject({ memorySize: 16, tableSize: 2 });
    const plain = await sideModule('(module)', null);
    expect(dylinkOf(new WebAssembly.Module(plain as Uint8Array<ArrayBuffer>))).toBeNull();
  });
});
