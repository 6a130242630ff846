import { ConsoleStdout, File, OpenFile, WASI, wasi, type Fd } from '@bjorn3/browser_wasi_shim';
import { describe, expect, it } from 'vitest';
import { StateArena } from '../state';
import { FaasletMemory, HostError, SHARED_WINDOW_BASE } from './memory';
import { fileIoImports } from './wasi-io';

const encoder = new TextEncoder();
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** Memory 0, a state arena with one value, stdout captured, and the user's file "in.txt" open as fd 3. */
function setup(fileText = 'from a file') {
  const raw = new WebAssembly.Memory({ initial: 1, maximum: 16, shared: true });
  const arena = StateArena.create({ initialPages: 1 });
  const memory = new FaasletMemory(raw, arena.memory);
  const value = arena.ensure('u/v', 32);
  const statePtr = SHARED_WINDOW_BASE + value.offset;
  const stdout: Uint8Array[] = [];
  const file = new File(encoder.encode(fileText));
  const fds: (Fd | undefined)[] = [undefined, new ConsoleStdout((data) => stdout.push(data)), undefined, new OpenFile(file)];
  const io = fileIoImports(memory, () => fds);
  const words = new DataView(raw.buffer);
  /** iovecs at `at` in memory 0. */
  const iovs = (at: number, ...list: Array<[number, number]>) =>
    list.forEach(([buf, len], i) => {
      words.setUint32(at + i * 8, buf, true);
      words.setUint32(at + i * 8 + 4, len, true);
    });
  const u32At = (ptr: number) => new DataView(memory.read('t', ptr, 4).buffer).getUint32(0, true);
  return { raw, arena, value, statePtr, memory, stdout, file, fds, io, iovs, u32At };
}

describe('fd_write and fd_read through FaasletMemory', () => {
  it('fd_write gathers from a state pointer and private memory; the count may go to a state pointer too', () => {
    const { arena, value, statePtr, memory, stdout, io, iovs, u32At } = setup();
    arena.bytes(value, 0, 6).set(encoder.encode('state '));
    memory.write('t', 200, encoder.encode('private'));
    iovs(100, [statePtr, 6], [200, 7]);
    expect(io.fd_write(1, 100, 2, statePtr + 28)).toBe(wasi.ERRNO_SUCCESS);
    expect(stdout.map(text).join('')).toBe('state private');
    expect(u32At(statePtr + 28)).toBe(13);
  });

  it('fd_read fills a state pointer from a file and stops at the short read', () => {
    const { arena, value, statePtr, memory, io, iovs, u32At } = setup('from a file');
    memory.write('t', 300, encoder.encode('untouched'));
    iovs(100, [statePtr, 16], [300, 9]);
    expect(io.fd_read(3, 100, 2, 120)).toBe(wasi.ERRNO_SUCCESS);
    expect(u32At(120)).toBe(11);
    expect(text(arena.bytes(value, 0, 11))).toBe('from a file');
    expect(text(memory.read('t', 300, 9))).toBe('untouched');
  });

  it('fd_pwrite and fd_pread work at an offset, across iovecs, without moving the file position', () => {
    const { arena, value, statePtr, file, fds, io, iovs, u32At } = setup('0123456789');
    arena.bytes(value, 0, 4).set(encoder.encode('ABCD'));
    iovs(100, [statePtr, 2], [statePtr + 2, 2]);
    expect(io.fd_pwrite(3, 100, 2, 3n, 120)).toBe(wasi.ERRNO_SUCCESS);
    expect(u32At(120)).toBe(4);
    expect(text(file.data)).toBe('012ABCD789');
    iovs(100, [statePtr + 8, 3], [statePtr + 11, 3]);
    expect(io.fd_pread(3, 100, 2, 5n, 120)).toBe(wasi.ERRNO_SUCCESS);
    expect(u32At(120)).toBe(5);
    expect(text(arena.bytes(value, 8, 5))).toBe('CD789');
    expect((fds[3] as OpenFile).file_pos).toBe(0n);
  });

  it('returns BADF for a missing descriptor, and the descriptor’s own error with what was done so far', () => {
    const { statePtr, io, iovs, u32At, fds } = setup();
    iovs(100, [statePtr, 4]);
    expect(io.fd_write(9, 100, 1, 120)).toBe(wasi.ERRNO_BADF);
    expect(io.fd_read(2, 100, 1, 120)).toBe(wasi.ERRNO_BADF);
    fds[4] = new OpenFile(new File(encoder.encode('ro'), { readonly: true }));
    const refused = io.fd_write(4, 100, 1, 120);
    expect(refused).not.toBe(wasi.ERRNO_SUCCESS);
    expect(u32At(120)).toBe(0);
  });

  it('refuses a buffer past the arena with a HostError naming the call, before reading the file', () => {
    const { arena, statePtr, io, iovs, fds } = setup('keep');
    const end = SHARED_WINDOW_BASE + arena.memory.buffer.byteLength;
    iovs(100, [end - 2, 4]);
    expect(() => io.fd_write(1, 100, 1, 120)).toThrow(HostError);
    expect(() => io.fd_read(3, 100, 1, 120)).toThrow(/^fd_read: 4 bytes at 0x8[0-9a-f]{7} run past the end of the state arena/);
    expect((fds[3] as OpenFile).file_pos).toBe(0n);
    expect(() => io.fd_write(1, 65530, 2, statePtr)).toThrow(/fd_write: 16 bytes at 0x0000fffa run past the end of the Faaslet's memory/);
  });

  it('gives the shim’s results for private buffers', () => {
    const run = (ours: boolean) => {
      const { raw, memory, io, iovs, fds, stdout } = setup('0123456789');
      const shim = new WASI([], [], fds as Fd[], { debug: false });
      shim.inst = { exports: { memory: raw } };
      const call = (ours ? io : shim.wasiImport) as typeof io;
      memory.write('t', 400, encoder.encode('hello world'));
      iovs(100, [400, 5], [405, 6]);
      iovs(200, [500, 4], [504, 8], [520, 4]);
      const codes = [
        call.fd_write(1, 100, 2, 160),
        call.fd_read(3, 200, 3, 164),
        call.fd_pwrite(3, 100, 1, 8n, 168),
        call.fd_pread(3, 200, 2, 6n, 172),
        call.fd_write(7, 100, 1, 176),
      ];
      return { codes, memory: raw.buffer.slice(0, 600), stdout: stdout.map(text).join(''), file: text((fds[3] as OpenFile).file.data) };
    };
    const ours = run(true);
    expect(ours.file).toBe('01234567hello');
    expect(ours).toEqual(run(false));
  });
});
