import { describe, expect, it } from 'vitest';
import { StateArena } from '../state';
import { FaasletMemory, HostError, SHARED_WINDOW_BASE } from './memory';
import { stateImports } from './state';
import { changedRanges, CopiedState, ZERO_COPY, type StateMapping } from './state-mapping';

const encoder = new TextEncoder();

/** A Faaslet's memory 0 (shared, as the runtime makes it), an arena, and its state imports. */
function setup(user = 'alice', mapping: (m: FaasletMemory, a: StateArena) => StateMapping = () => ZERO_COPY) {
  const raw = new WebAssembly.Memory({ initial: 1, maximum: 16, shared: true });
  const arena = StateArena.create({ initialPages: 1 });
  const memory = new FaasletMemory(raw, arena.memory);
  const chosen = mapping(memory, arena);
  const host = stateImports(memory, arena, user, () => chosen);
  const private0 = () => new Uint8Array(raw.buffer);
  /** Put a NUL-terminated string or bytes at `ptr` in memory 0. */
  const put = (ptr: number, data: string | number[]) =>
    private0().set(typeof data === 'string' ? encoder.encode(`${data}\0`) : data, ptr);
  return { raw, arena, memory, host, private0, put };
}

describe('FaasletMemory with a state arena', () => {
  it('resolves shared-window pointers into the arena, including after it grows', () => {
    const { arena, memory } = setup();
    const value = arena.ensure('k', 8);
    arena.bytes(value).set([1, 2, 3]);
    expect(Array.from(memory.read('t', SHARED_WINDOW_BASE + value.offset, 3))).toEqual([1, 2, 3]);
    const big = arena.ensure('big', 200_000);
    memory.write('t', SHARED_WINDOW_BASE + big.offset + 199_999, Uint8Array.of(7));
    expect(arena.bytes(big, 199_999, 1)[0]).toBe(7);
    expect(() => memory.view('t', SHARED_WINDOW_BASE + arena.memory.buffer.byteLength - 2, 4)).toThrow(
      /t: 4 bytes at 0x8[0-9a-f]{7} run past the end of the state arena/,
    );
  });

  it('reads C strings from the shared window', () => {
    const { arena, memory } = setup();
    const value = arena.ensure('name', 16);
    arena.bytes(value).set(encoder.encode('counter\0'));
    expect(memory.readCString('t', SHARED_WINDOW_BASE + value.offset)).toBe('counter');
  });
});

describe('state imports: whole values', () => {
  it('read_state_ptr creates the key and returns 0x8000_0000 + its offset, the same every time', () => {
    const { arena, host, put } = setup();
    put(0, 'weights');
    const ptr = host.__faasm_read_state_ptr(0, 64);
    const value = arena.require('alice/weights');
    expect(ptr).toBe(SHARED_WINDOW_BASE + value.offset);
    expect(value.size).toBe(64);
    expect(host.__faasm_read_state_ptr(0, 64)).toBe(ptr);
    expect(host.__faasm_read_state_ptr(0, 16)).toBe(ptr);
    expect(() => host.__faasm_read_state_ptr(0, 65)).toThrow(HostError);
    expect(() => host.__faasm_read_state_ptr(0, 65)).toThrow(
      /__faasm_read_state_ptr: key "alice\/weights" has size 64, fixed when it was created; 65 bytes were asked for/,
    );
  });

  it('write_state copies into the arena; read_state copies out and reports the size', () => {
    const { arena, host, put, private0 } = setup();
    put(0, 'k');
    put(100, [1, 2, 3, 4, 5]);
    host.__faasm_write_state(0, 100, 5);
    const value = arena.require('alice/k');
    expect(Array.from(arena.bytes(value))).toEqual([1, 2, 3, 4, 5]);
    expect(arena.dirtyOf(value)).toEqual([{ offset: 0, length: 5 }]);
    expect(host.__faasm_read_state(0, 0, 0)).toBe(5);
    expect(host.__faasm_read_state(0, 200, 3)).toBe(5);
    expect(Array.from(private0().slice(200, 204))).toEqual([1, 2, 3, 0]);
  });

  it('refuses to read more than an existing value holds, leaving the buffer untouched', () => {
    const { host, put, private0 } = setup();
    put(0, 'k');
    put(100, [1, 2, 3, 4, 5]);
    host.__faasm_write_state(0, 100, 5);
    private0().fill(9, 200, 208);
    expect(() => host.__faasm_read_state(0, 200, 8)).toThrow(HostError);
    expect(() => host.__faasm_read_state(0, 200, 8)).toThrow(
      /^__faasm_read_state: key "alice\/k" has size 5; 8 bytes were asked for/,
    );
    expect(Array.from(private0().slice(200, 208))).toEqual([9, 9, 9, 9, 9, 9, 9, 9]);
    expect(host.__faasm_read_state(0, 200, 5)).toBe(5);
    expect(Array.from(private0().slice(200, 206))).toEqual([1, 2, 3, 4, 5, 9]);
  });

  it('reads a missing key as zeros with size 0, without creating it', () => {
    const { arena, host, put, private0 } = setup();
    put(0, 'missing');
    private0().fill(9, 100, 108);
    expect(host.__faasm_read_state(0, 0, 0)).toBe(0);
    expect(host.__faasm_read_state(0, 100, 8)).toBe(0);
    expect(Array.from(private0().slice(100, 108))).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(arena.find('alice/missing')).toBeNull();
  });

  it('namespaces keys by user', () => {
    const alice = setup('alice');
    const bob = stateImports(alice.memory, alice.arena, 'bob', () => ZERO_COPY);
    alice.put(0, 'k');
    alice.put(100, [42]);
    alice.host.__faasm_write_state(0, 100, 1);
    expect(bob.__faasm_read_state(0, 0, 0)).toBe(0);
    expect(alice.arena.find('alice/k')?.size).toBe(1);
  });

  it('takes data from shared-window pointers: write_state from another key, no private copy', () => {
    const { arena, host, put } = setup();
    put(0, 'src');
    put(16, 'dst');
    const src = host.__faasm_read_state_ptr(0, 4);
    arena.bytes(arena.require('alice/src')).set([5, 6, 7, 8]);
    host.__faasm_write_state(16, src, 4);
    expect(Array.from(arena.bytes(arena.require('alice/dst')))).toEqual([5, 6, 7, 8]);
    // Even the key string may live in the shared window.
    put(32, 'names');
    const names = host.__faasm_read_state_ptr(32, 8);
    arena.bytes(arena.require('alice/names')).set(encoder.encode('src\0'));
    expect(host.__faasm_read_state(names, 0, 0)).toBe(4);
  });

  it('fails with clear HostErrors on bad pointers, creating no key', () => {
    const { arena, host, put } = setup();
    put(0, 'k');
    expect(() => host.__faasm_write_state(0, 65530, 10)).toThrow(/__faasm_write_state: 10 bytes at 0x0000fffa run past the end of the Faaslet's memory/);
    expect(arena.find('alice/k')).toBeNull();
    expect(() => host.__faasm_read_state(0, 0x7fff_fff0, 4)).toThrow(HostError);
    expect(() => host.__faasm_read_state(65536, 0, 0)).toThrow(/__faasm_read_state: string at 0x00010000 is outside the Faaslet's memory/);
    expect(() => host.__faasm_read_state(SHARED_WINDOW_BASE + 0x100_0000, 0, 0)).toThrow(/string at 0x81000000 is outside the state arena/);
  });
});

describe('state imports: offsets', () => {
  it('writes and reads at offsets, pointers at offsets, with bounds checks', () => {
    const { arena, host, put, private0 } = setup();
    put(0, 'vec');
    put(100, [7, 8]);
    host.__faasm_write_state_offset(0, 32, 10, 100, 2);
    const value = arena.require('alice/vec');
    expect(value.size).toBe(32);
    expect(Array.from(arena.bytes(value, 9, 4))).toEqual([0, 7, 8, 0]);
    expect(arena.dirtyOf(value)).toEqual([{ offset: 0, length: 32 }]);
    host.__faasm_read_state_offset(0, 32, 10, 200, 2);
    expect(Array.from(private0().slice(200, 202))).toEqual([7, 8]);
    expect(host.__faasm_read_state_offset_ptr(0, 32, 10, 2)).toBe(SHARED_WINDOW_BASE + value.offset + 10);
    expect(() => host.__faasm_read_state_offset_ptr(0, 32, 30, 4)).toThrow(
      /__faasm_read_state_offset_ptr: 4 bytes at offset 30 run past the end of key "alice\/vec" \(32 bytes\)/,
    );
    expect(() => host.__faasm_write_state_offset(0, 32, 31, 100, 2)).toThrow(HostError);
    expect(() => host.__faasm_read_state_offset(0, 64, 0, 200, 2)).toThrow(/has size 32/);
  });
});

describe('state imports: dirty flags, locks', () => {
  it('flags dirty, whole or a range; a key never created fails, naming it', () => {
    const { arena, host, put } = setup();
    put(0, 'd');
    host.__faasm_read_state_ptr(0, 100);
    const value = arena.require('alice/d');
    host.__faasm_flag_state_offset_dirty(0, 100, 20, 10);
    expect(arena.dirtyOf(value)).toEqual([{ offset: 0, length: 64 }]);
    host.__faasm_flag_state_dirty(0, 100);
    expect(arena.dirtyOf(value)).toBe('whole');
    expect(() => host.__faasm_flag_state_dirty(0, 200)).toThrow(/__faasm_flag_state_dirty: key "alice\/d" has size 100; 200/);
    put(0, 'nokey');
    expect(() => host.__faasm_flag_state_dirty(0, 8)).toThrow(
      /__faasm_flag_state_dirty: key "alice\/nokey" has never been created with a size/,
    );
    expect(() => host.__faasm_lock_state_write(0)).toThrow(/__faasm_lock_state_write: key "alice\/nokey"/);
  });

  it('locks and unlocks through the imports, and refuses a stray unlock', () => {
    const { arena, host, put } = setup();
    put(0, 'c');
    host.__faasm_read_state_ptr(0, 4);
    host.__faasm_lock_state_write(0);
    expect(Atomics.load(arena.metadata.words, arena.metadata.lockIndex(arena.require('alice/c').slot))).toBe(-1);
    host.__faasm_unlock_state_write(0);
    host.__faasm_lock_state_read(0);
    host.__faasm_unlock_state_read(0);
    expect(() => host.__faasm_unlock_state_read(0)).toThrow(/__faasm_unlock_state_read: key "alice\/c" is not locked for reading/);
  });
});

describe('copy mapping (browsers without multi-memory)', () => {
  /** A bump "malloc" from 1024 up, standing in for the module's own. */
  const copying = () => {
    let next = 1024;
    let copies: CopiedState | null = null;
    const make = (m: FaasletMemory, a: StateArena) => (copies = new CopiedState(m, a, (n) => ((next += n), next - n)));
    return { make, copies: () => copies! };
  };

  it('hands out a private copy, the same one for the same value, and writes it back at unlock', () => {
    const c = copying();
    const { arena, host, put, private0 } = setup('alice', c.make);
    put(0, 'k');
    const ptr = host.__faasm_read_state_ptr(0, 4);
    expect(ptr).toBe(1024);
    expect(host.__faasm_read_state_ptr(0, 4)).toBe(ptr);
    const value = arena.find('alice/k')!;

    host.__faasm_lock_state_write(0);
    private0().set([5, 6, 7, 8], ptr);
    expect(Array.from(arena.bytes(value))).toEqual([0, 0, 0, 0]);
    host.__faasm_unlock_state_write(0);
    expect(Array.from(arena.bytes(value))).toEqual([5, 6, 7, 8]);

    // Another Faaslet's write shows in the copy once the lock is taken again.
    arena.bytes(value).set([1, 1, 1, 1]);
    host.__faasm_lock_state_read(0);
    expect(Array.from(private0().slice(ptr, ptr + 4))).toEqual([1, 1, 1, 1]);
    host.__faasm_unlock_state_read(0);
  });

  it('writes back only what the Faaslet changed, so an end-of-call write-back cannot undo a later locked write', () => {
    const c = copying();
    const { arena, host, put, private0 } = setup('alice', c.make);
    put(0, 'k');
    const ptr = host.__faasm_read_state_ptr(0, 4);
    const value = arena.find('alice/k')!;
    host.__faasm_lock_state_write(0);
    private0()[ptr] = 1;
    host.__faasm_unlock_state_write(0);

    // Another Faaslet, under the lock, moves the value on; this one's copy is now stale.
    arena.bytes(value).set([2, 0, 0, 7]);
    c.copies().writeBack();
    expect(Array.from(arena.bytes(value))).toEqual([2, 0, 0, 7]);

    // A byte changed since the last sync does go back, and only that byte.
    private0()[ptr + 1] = 9;
    c.copies().writeBack();
    expect(Array.from(arena.bytes(value))).toEqual([2, 9, 0, 7]);
  });

  it('writes every copy back at the end of the call, and forgets them for the next', () => {
    const c = copying();
    const { arena, host, put, private0 } = setup('alice', c.make);
    put(0, 'k');
    const ptr = host.__faasm_read_state_ptr(0, 2);
    private0().set([9, 9], ptr);
    c.copies().writeBack();
    expect(Array.from(arena.bytes(arena.find('alice/k')!))).toEqual([9, 9]);
    c.copies().reset();
    expect(host.__faasm_read_state_ptr(0, 2)).not.toBe(ptr);
  });
});

describe('changedRanges', () => {
  it('finds the runs that differ, at the edges too', () => {
    const before = new Uint8Array([0, 0, 0, 0, 0, 0]);
    expect(changedRanges(before, new Uint8Array([1, 0, 2, 2, 0, 3]))).toEqual([[0, 1], [2, 4], [5, 6]]);
    expect(changedRanges(before, before.slice())).toEqual([]);
  });
});
