import { describe, expect, it, vi } from 'vitest';
import { HostError } from './memory';
import { checkedWasiCall } from './wasi-pointers';

const memory = () => new WebAssembly.Memory({ initial: 1, maximum: 2, shared: true });
const WILD = 0x7fff_f000;

describe('checkedWasiCall', () => {
  it('refuses a path_open whose path or result pointer leaves memory 0, before the shim runs', () => {
    const shim = vi.fn(() => 0);
    const open = checkedWasiCall('path_open', shim, memory());
    expect(() => open(3, 0, WILD, 10, 1, 0n, 0n, 0, 16)).toThrow(/^path_open: the path \(10 bytes at 0x7ffff000\) runs past the end of the Faaslet's memory \(65536 bytes\)$/);
    expect(() => open(3, 0, 64, 10, 1, 0n, 0n, 0, 65534)).toThrow(/path_open: the result pointer/);
    expect(() => open(3, 0, 0x8000_0040, 10, 1, 0n, 0n, 0, 16)).toThrow(/shared state window/);
    expect(shim).not.toHaveBeenCalled();
    expect(open(3, 0, 64, 10, 1, 0n, 0n, 0, 16)).toBe(0);
    expect(shim).toHaveBeenCalledTimes(1);
  });

  it('names the call when the shim itself throws a RangeError', () => {
    const args = checkedWasiCall('args_get', () => new DataView(new ArrayBuffer(4)).getUint32(WILD), memory());
    expect(() => args(WILD, WILD)).toThrow(HostError);
    expect(() => args(WILD, WILD)).toThrow(/^args_get: /);
  });
});
