import { describe, expect, it } from 'vitest';
import type { StateArena } from '../state';
import { FAASM_IMPORTS, FaasletMemory, HostError, hostInterface, importProblems, PROVIDED_HOST_IMPORTS } from '.';

const memoryOf = (pages: number) => new WebAssembly.Memory({ initial: pages, maximum: 16, shared: true });

describe('the ABI table', () => {
  it('names each Faasm import once, all in module env with the __faasm_ prefix', () => {
    const names = FAASM_IMPORTS.map((i) => i.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.every((n) => n.startsWith('__faasm_'))).toBe(true);
    expect(names).toContain('__faasm_read_state_ptr');
    expect(names).toContain('__faasm_lock_state_global_write');
  });

  it('provides only imports the table knows', () => {
    for (const name of PROVIDED_HOST_IMPORTS) expect(FAASM_IMPORTS.some((i) => i.name === name)).toBe(true);
    expect(PROVIDED_HOST_IMPORTS.has('__faasm_read_input')).toBe(true);
    expect(PROVIDED_HOST_IMPORTS.has('__faasm_write_state_from_file')).toBe(true);
  });
});

describe('importProblems', () => {
  const wasi = new Set(['fd_write', 'proc_exit']);
  it('accepts memory, provided host calls and WASI calls', () => {
    expect(
      importProblems(
        [
          { module: 'env', name: 'memory', kind: 'memory' },
          { module: 'env', name: '__faasm_read_input', kind: 'function' },
          { module: 'wasi_snapshot_preview1', name: 'fd_write', kind: 'function' },
          { module: 'faaslet', name: 'fuel', kind: 'function' },
        ],
        wasi,
      ),
    ).toEqual([]);
  });

  it('takes the fuel import only as a function', () => {
    const problems = importProblems([{ module: 'faaslet', name: 'fuel', kind: 'global' }], wasi);
    expect(problems).toEqual([{ module: 'faaslet', name: 'fuel', reason: 'must be imported as a function' }]);
  });

  it('lists every import it cannot satisfy, with a reason', () => {
    const problems = importProblems(
      [
        { module: 'env', name: 'launch_missiles', kind: 'function' },
        { module: 'wasi_snapshot_preview1', name: 'sock_accept', kind: 'function' },
        { module: 'js', name: 'alert', kind: 'function' },
      ],
      wasi,
    );
    expect(problems.map((p) => p.name)).toEqual(['launch_missiles', 'sock_accept', 'alert']);
    expect(problems[0]?.reason).toMatch(/not part of Faasm/);
    expect(problems[2]?.reason).toMatch(/unknown import module "js"/);
  });
});

describe('FaasletMemory', () => {
  it('refuses pointers past the end and in the unmapped shared window', () => {
    const memory = new FaasletMemory(memoryOf(1));
    expect(() => memory.view('call', 65530, 10)).toThrow(HostError);
    expect(() => memory.view('call', 65530, 10)).toThrow(/run past the end/);
    expect(() => memory.view('call', 0x8000_0010, 4)).toThrow(/shared state window/);
    expect(() => memory.view('call', -1, 1)).toThrow(HostError);
    expect(memory.view('call', 65526, 10).byteLength).toBe(10);
  });

  it('reads C strings and refuses unterminated ones', () => {
    const raw = memoryOf(1);
    const memory = new FaasletMemory(raw);
    memory.write('t', 100, new TextEncoder().encode('weights\0'));
    expect(memory.readCString('t', 100)).toBe('weights');
    new Uint8Array(raw.buffer).fill(65, 200, 300);
    expect(() => memory.readCString('t', 200, 50)).toThrow(/no NUL/);
    expect(() => memory.readCString('t', 0x7fff_f000)).toThrow(/^t: string at 0x7ffff000 is outside the Faaslet's memory \(65536 bytes\)$/);
  });
});

describe('input and output calls', () => {
  it('report the input size, copy at most len bytes, and capture the output', () => {
    const raw = memoryOf(1);
    const io = { input: new TextEncoder().encode('faaslet'), output: new Uint8Array() };
    const unused = () => {
      throw new Error('unused');
    };
    const chain = {
      callId: 1,
      callIds: new Int32Array(1),
      mode: 'mailbox' as const,
      mailbox: new SharedArrayBuffer(16),
      post: unused,
      answer: unused,
      malloc: unused,
      stderr: unused,
    };
    const host = hostInterface(new FaasletMemory(raw), { io, chain, arena: {} as StateArena, user: 'demo' });
    expect(host.__faasm_read_input(0, 0)).toBe(7);
    expect(host.__faasm_read_input(16, 4)).toBe(4);
    expect(new TextDecoder().decode(new Uint8Array(raw.buffer).slice(16, 20))).toBe('faas');
    new Uint8Array(raw.buffer).set(new TextEncoder().encode('OUT'), 64);
    host.__faasm_write_output(64, 3);
    expect(new TextDecoder().decode(io.output)).toBe('OUT');
    expect(() => host.__faasm_write_output(65535, 2)).toThrow(/__faasm_write_output/);
  });
});
