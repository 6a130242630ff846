import { describe, expect, it } from 'vitest';
import type { FaasletToHost } from '../faaslet/protocol';
import { replyAnswer, type GlobalReply } from '../global/protocol';
import { appendedStateImports } from './appended-state';
import type { ChainContext } from './chaining';
import { createMailbox, postAnswer } from './mailbox';
import { FaasletMemory, HostError } from './memory';

const unused = () => {
  throw new Error('unused');
};

/** Memory 0 with key "log" at 0; a host agent that answers each request with the next of `replies`. */
function setup(replies: GlobalReply[]) {
  const raw = new WebAssembly.Memory({ initial: 1, maximum: 16, shared: true });
  const memory = new FaasletMemory(raw);
  const posted: FaasletToHost[] = [];
  const chain: ChainContext = {
    callId: 3,
    callIds: new Int32Array(1),
    mode: 'mailbox',
    mailbox: createMailbox(),
    post(message) {
      posted.push(message);
      postAnswer(chain.mailbox, replyAnswer(replies.shift()!));
    },
    answer: unused,
    malloc: unused,
    stderr: unused,
  };
  memory.write('t', 0, new TextEncoder().encode('log\0'));
  return { host: appendedStateImports(memory, 'alice', chain), memory, posted };
}

describe('appended state imports', () => {
  it('send the element and the namespaced key to the global tier, and copy a read into memory, leaving the rest alone', () => {
    const { host, memory, posted } = setup([
      { kind: 'done', version: 1 },
      { kind: 'done', version: 2, bytes: Uint8Array.of(5, 6, 7) },
      { kind: 'done', version: 0 },
    ]);
    memory.write('t', 100, Uint8Array.of(5, 6, 7));
    memory.write('t', 200, new Uint8Array(8).fill(0xee));
    host.__faasm_append_state(0, 100, 3);
    host.__faasm_read_appended_state(0, 200, 8, 4);
    host.__faasm_clear_appended_state(0);
    expect(posted.map((message) => message.kind === 'global' && message.request)).toEqual([
      { kind: 'append', key: 'alice/log', data: Uint8Array.of(5, 6, 7) },
      { kind: 'read-appended', key: 'alice/log', count: 4, maxBytes: 8 },
      { kind: 'clear-appended', key: 'alice/log' },
    ]);
    expect(Array.from(memory.read('t', 200, 8))).toEqual([5, 6, 7, 0xee, 0xee, 0xee, 0xee, 0xee]);
  });

  it('trap naming the import when the global tier refuses', () => {
    const { host } = setup([{ kind: 'refused', message: 'the buffer holds 2' }]);
    expect(() => host.__faasm_read_appended_state(0, 200, 2, 1)).toThrow(HostError);
  });
});
