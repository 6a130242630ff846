/**
 * How host calls reach a Faaslet's memory. Every pointer a function passes is checked here,
 * so a bad pointer fails the call with a clear message and never touches host memory.
 */

/** The top half of the 32-bit address space is the window onto the user's state arena. */
export const SHARED_WINDOW_BASE = 0x8000_0000;

/** A host call refused what the function asked for; the Faaslet fails with this message. */
export class HostError extends Error {
  override name = 'HostError';
}

const hex = (n: number) => `0x${n.toString(16).padStart(8, '0')}`;

export class FaasletMemory {
  constructor(private readonly memory: WebAssembly.Memory) {}

  get byteLength(): number {
    return this.memory.buffer.byteLength;
  }

  /** A live view of `len` bytes at `ptr`; throws HostError when it leaves the memory. */
  view(call: string, ptr: number, len: number): Uint8Array {
    const start = ptr >>> 0;
    const length = len >>> 0;
    if (start >= SHARED_WINDOW_BASE) {
      throw new HostError(
        `${call}: pointer ${hex(start)} is in the shared state window, but no state is mapped into this Faaslet`,
      );
    }
    const buffer = this.memory.buffer;
    if (start + length > buffer.byteLength) {
      throw new HostError(
        `${call}: ${length} bytes at ${hex(start)} run past the end of the Faaslet's memory ` +
          `(${buffer.byteLength} bytes)`,
      );
    }
    return new Uint8Array(buffer, start, length);
  }

  /** Copy out, because views on shared memory cannot be decoded or posted as-is. */
  read(call: string, ptr: number, len: number): Uint8Array {
    return this.view(call, ptr, len).slice();
  }

  write(call: string, ptr: number, data: Uint8Array): void {
    this.view(call, ptr, data.byteLength).set(data);
  }

  /** A NUL-terminated string such as a state key, at most `maxLen` bytes long. */
  readCString(call: string, ptr: number, maxLen = 4096): string {
    const start = ptr >>> 0;
    const available = Math.max(0, Math.min(maxLen, this.byteLength - start));
    const bytes = this.view(call, start, available);
    const end = bytes.indexOf(0);
    if (end < 0) {
      throw new HostError(`${call}: string at ${hex(start)} has no NUL within ${maxLen} bytes`);
    }
    return new TextDecoder().decode(bytes.slice(0, end));
  }
}
