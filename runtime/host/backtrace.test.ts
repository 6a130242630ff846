import { describe, expect, it } from 'vitest';
import wabtInit from 'wabt';
import { backtraceImports, wasmFrames } from './backtrace';

describe('faasmBacktrace', () => {
  it('writes the wasm frames of the calling stack, innermost first, named from the name section', async () => {
    const wabt = await wabtInit();
    const wat = `(module (import "env" "__faasm_backtrace" (func $bt (param i32)))
      (func $inner (param i32) (call $bt (local.get 0)))
      (func $outer (export "run") (param i32) (call $inner (local.get 0))))`;
    const parsed = wabt.parseWat('bt.wat', wat);
    parsed.resolveNames();
    const { buffer } = parsed.toBinary({ write_debug_names: true });
    const lines: string[] = [];
    const module = await WebAssembly.compile(new Uint8Array(buffer));
    const instance = await WebAssembly.instantiate(module, { env: backtraceImports((text) => lines.push(text)) });
    const run = instance.exports.run as (depth: number) => void;
    run(0);
    expect(lines[0]).toMatch(/^backtrace \(2 of 2 wasm frames\):\n {2}#0 \S*inner \(wasm-function\[1\]:0x[0-9a-f]+\)\n {2}#1 \S*outer /);
    run(1);
    expect(lines[1]).toMatch(/^backtrace \(1 of 2 wasm frames\):\n {2}#0 \S*inner/);
  });

  it('reads V8 wasm frames with and without names', () => {
    expect(wasmFrames('Error\n    at x (file.js:1:1)\n    at f (wasm://wasm/ab12:wasm-function[3]:0x40)\n    at wasm://wasm/ab12:wasm-function[4]:0x52')).toEqual([
      'f (wasm-function[3]:0x40)',
      'wasm-function[4]:0x52',
    ]);
  });
});
