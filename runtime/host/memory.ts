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

interface Resolved {
  buffer: ArrayBufferLike;
  /** Offset in `buffer` that the address maps to. */
  start: number;
  what: string;
}

export class FaasletMemory {
  /**
   * `state` is the user's state arena (memory 1), which shared-window addresses resolve into;
   * without it such addresses are refused.
   */
  constructor(
    private readonly memory: WebAssembly.Memory,
    private readonly state?: WebAssembly.Memory,
  ) {}

  get byteLength(): number {
    return this.memory.buffer.byteLength;
  }

  /** Which memory an address is in. `.buffer` is read afresh: the arena may have grown. */
  private resolve(call: string, address: number): Resolved {
    if (address < SHARED_WINDOW_BASE) {
      return { buffer: this.memory.buffer, start: address, what: "the Faaslet's memory" };
    }
    if (!this.state) {
      throw new HostError(
        `${call}: pointer ${hex(address)} is in the shared state window, but no state is mapped into this Faaslet`,
      );
    }
    return { buffer: this.state.buffer, start: address - SHARED_WINDOW_BASE, what: 'the state arena' };
  }

  /** A live view of `len` bytes at `ptr`; throws HostError when it leaves the memory. */
  view(call: string, ptr: number, len: number): Uint8Array {
    const length = len >>> 0;
    const { buffer, start, what } = this.resolve(call, ptr >>> 0);
    if (start + length > buffer.byteLength) {
      throw new HostError(
        `${call}: ${length} bytes at ${hex(ptr >>> 0)} run past the end of ${what} ` +
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
    const address = ptr >>> 0;
    const { buffer, start, what } = this.resolve(call, address);
    if (start >= buffer.byteLength) {
      throw new HostError(`${call}: string at ${hex(address)} is outside ${what} (${buffer.byteLength} bytes)`);
    }
    const available = Math.max(0, Math.min(maxLen, buffer.byteLength - start));
    const bytes = this.view(call, address, available);
    const end = bytes.indexOf(0);
    if (end < 0) {
      throw new HostError(`${call}: string at ${hex(address)} has no NUL within ${maxLen} bytes`);
    }
    return new TextDecoder().decode(bytes.slice(0, end));
  }
}
