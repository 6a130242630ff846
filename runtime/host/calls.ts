/** The input/output part of the host interface: what a call reads and what it returns. */
import type { FaasletMemory } from './memory';

export interface CallIo {
  readonly input: Uint8Array;
  output: Uint8Array;
}

export function inputOutputImports(memory: FaasletMemory, io: CallIo) {
  return {
    /** len 0 asks for the input's size; otherwise copies up to len bytes and returns how many. */
    __faasm_read_input(buf: number, len: number): number {
      if (len === 0) return io.input.byteLength;
      const n = Math.min(len >>> 0, io.input.byteLength);
      memory.write('__faasm_read_input', buf, io.input.subarray(0, n));
      return n;
    },
    __faasm_write_output(ptr: number, len: number): void {
      io.output = memory.read('__faasm_write_output', ptr, len);
    },
  };
}
