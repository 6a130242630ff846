import { describe, expect, it } from 'vitest';
import type { FaasletToHost } from '../faaslet/protocol';
import { StateArena } from '../state';
import type { ChainContext } from './chaining';
import { createMailbox, postAnswer } from './mailbox';
import { FaasletMemory, HostError } from './memory';
import { stateFromFileImports } from './state-from-file';

const encoder = new TextEncoder();
const unused = () => {
  throw new Error('unused');
};

/** Memory 0 with the key at 0 and the path at 64; a host agent that answers every global request with `reply`. */
function setup(files: Record<string, string>, reply: { version: number; error: string | null } = { version: 1, error: null }) {
  const raw = new WebAssembly.Memory({ initial: 1, maximum: 16, shared: true });
  const arena = StateArena.create({ initialPages: 1 });
  const memory = new FaasletMemory(raw, arena.memory);
  const posted: FaasletToHost[] = [];
  const chain: ChainContext = {
    callId: 7,
    callIds: new Int32Array(1),
    mode: 'mailbox',
    mailbox: createMailbox(),
    post(message) {
      posted.push(message);
      postAnswer(chain.mailbox, { returnCode: reply.version, output: new Uint8Array(), error: reply.error });
    },
    answer: unused,
    malloc: unused,
    stderr: unused,
  };
  const readFile = (path: string) => (path in files ? encoder.encode(files[path]) : null);
  const host = stateFromFileImports(memory, arena, 'alice', chain, readFile);
  const call = (key: string, path: string) => {
    memory.write('t', 0, encoder.encode(`${key}\0`));
    memory.write('t', 64, encoder.encode(`${path}\0`));
    return host.__faasm_write_state_from_file(0, 64);
  };
  return { arena, posted, call };
}

describe('__faasm_write_state_from_file', () => {
  it('creates the key with the file’s length, sets its value, pushes it whole and returns the size', () => {
    const { arena, posted, call } = setup({ 'data/weights.bin': 'eleven byte' });
    expect(call('weights', '/data/weights.bin')).toBe(11);
    const value = arena.require('alice/weights');
    expect(value.size).toBe(11);
    expect(new TextDecoder().decode(arena.bytes(value))).toBe('eleven byte');
    expect(arena.dirtyOf(value)).toBe('whole');
    expect(posted).toEqual([
      { kind: 'global', callId: 7, user: 'alice', request: { kind: 'push', key: 'alice/weights', mode: 'whole' } },
    ]);
    // A relative path resolves from the root too.
    expect(call('weights', 'data/weights.bin')).toBe(11);
  });

  it('refuses a missing file or a path out of the root, creating nothing and pushing nothing', () => {
    const { arena, posted, call } = setup({});
    expect(() => call('weights', '/data/weights.bin')).toThrow(HostError);
    expect(() => call('weights', '/data/weights.bin')).toThrow(
      "__faasm_write_state_from_file: /data/weights.bin: no such file in alice's files (the Files tab uploads one)",
    );
    expect(() => call('weights', '../bob/secret')).toThrow('"../bob/secret" is not a path inside the user\'s files');
    expect(arena.find('alice/weights')).toBeNull();
    expect(posted).toEqual([]);
  });

  it('refuses a file larger than the key’s fixed size, and an empty file for a new key', () => {
    const { arena, posted, call } = setup({ big: 'twelve bytes', empty: '' });
    arena.ensure('alice/small', 4);
    expect(() => call('small', 'big')).toThrow(
      /^__faasm_write_state_from_file: key "alice\/small" has size 4, fixed when it was created; 12 bytes were asked for/,
    );
    expect(() => call('new', 'empty')).toThrow(/creating it needs a size > 0/);
    expect(posted).toEqual([]);
  });

  it('fails with the global tier’s reason when the push is refused', () => {
    const { call } = setup({ f: 'abc' }, { version: 0, error: 'the global store is unavailable' });
    expect(() => call('k', 'f')).toThrow('__faasm_write_state_from_file: the global store is unavailable');
  });
});
