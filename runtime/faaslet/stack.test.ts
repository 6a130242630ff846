import { describe, expect, it } from 'vitest';
import { trapMessage, wasmFrames } from './stack';

describe('wasmFrames', () => {
  it('reads named and unnamed V8 wasm frames and skips JS frames', () => {
    const stack = [
      'RuntimeError: unreachable',
      '    at crash (wasm://wasm/0a1b2c3d:wasm-function[7]:0x1f2)',
      '    at wasm://wasm/0a1b2c3d:wasm-function[12]:0x3ad',
      '    at $__main_argc_argv (wasm://wasm/0a1b2c3d:wasm-function[13]:0x400)',
      '    at function.wasm._start (wasm://wasm/0a1b2c3d:wasm-function[14]:0x468)',
      '    at runFaaslet (http://localhost/runtime/faaslet/instance.ts:40:7)',
    ].join('\n');
    expect(wasmFrames(stack)).toEqual([
      { func: 'crash', funcIndex: 7, offset: 0x1f2 },
      { func: 'wasm-function[12]', funcIndex: 12, offset: 0x3ad },
      { func: '__main_argc_argv', funcIndex: 13, offset: 0x400 },
      { func: '_start', funcIndex: 14, offset: 0x468 },
    ]);
  });

  it('returns nothing for a stack with no wasm in it', () => {
    expect(wasmFrames('Error: x\n    at foo (a.js:1:1)')).toEqual([]);
    expect(wasmFrames(undefined)).toEqual([]);
  });
});

describe('trapMessage', () => {
  it('names stack overflows and keeps trap texts', () => {
    expect(trapMessage(new RangeError('Maximum call stack size exceeded'))).toMatch(/^stack overflow/);
    expect(trapMessage(new WebAssembly.RuntimeError('divide by zero'))).toBe('divide by zero');
    expect(trapMessage(new TypeError('bad'))).toBe('TypeError: bad');
  });
});
