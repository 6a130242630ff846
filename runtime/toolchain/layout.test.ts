import { describe, expect, it } from 'vitest';
import { assembleWat } from './wat';
import { moduleLayout } from './layout';

describe('moduleLayout', () => {
  it('reads the stack top, data end and heap base from exported i32 globals, after imported ones', async () => {
    const { wasm } = await assembleWat(`(module
      (import "env" "g" (global i32))
      (import "env" "memory" (memory 1 100 shared))
      (global $sp (mut i32) (i32.const 4194304))
      (global $other i32 (i32.const -5))
      (global $data_end i32 (i32.const 4200000))
      (global $heap_base i32 (i32.const 4259840))
      (export "__stack_pointer" (global $sp))
      (export "__data_end" (global $data_end))
      (export "__heap_base" (global $heap_base))
      (export "other" (global $other)))`);
    expect(moduleLayout(wasm!)).toEqual({ stackTop: 4194304, dataEnd: 4200000, heapBase: 4259840 });
  });

  it('says null for what a module does not export', async () => {
    const { wasm } = await assembleWat('(module (func (export "_start")))');
    expect(moduleLayout(wasm!)).toEqual({ stackTop: null, dataEnd: null, heapBase: null });
  });
});
