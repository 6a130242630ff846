/**
 * Appended state, in the global tier as in Faasm (runtime/global/appended.ts): every host sees one
 * sequence per key. Each import is one request to the host agent, asked through the Faaslet's
 * mailbox as push and pull are (global-tier.ts); the element goes with the request, and a read's
 * elements come back in the mailbox (so a read is at most the mailbox's 1 MiB).
 */
import { answerReply, type AppendedRequest } from '../global/protocol';
import type { ChainContext } from './chaining';
import { clearMailbox, waitForAnswer } from './mailbox';
import { HostError, type FaasletMemory } from './memory';

export function appendedStateImports(memory: FaasletMemory, user: string, chain: ChainContext) {
  const keyAt = (call: string, keyPtr: number) => `${user}/${memory.readCString(call, keyPtr)}`;
  /** Blocks until the agent answers; a refusal or a store failure traps naming the import (Faasm's imports are void). */
  const ask = (call: string, request: AppendedRequest): Uint8Array => {
    clearMailbox(chain.mailbox);
    chain.post({ kind: 'global', callId: chain.callId, user, request });
    const reply = answerReply(waitForAnswer(chain.mailbox));
    if (reply.kind !== 'done') throw new HostError(`${call}: ${reply.message}`);
    return reply.bytes ?? new Uint8Array();
  };

  return {
    __faasm_append_state(keyPtr: number, data: number, len: number): void {
      const call = '__faasm_append_state';
      ask(call, { kind: 'append', key: keyAt(call, keyPtr), data: memory.read(call, data, len) });
    },
    /** Copies at most the first nElems elements that exist, concatenated; the rest of buf is left alone. */
    __faasm_read_appended_state(keyPtr: number, buf: number, len: number, nElems: number): void {
      const call = '__faasm_read_appended_state';
      const target = memory.view(call, buf, len);
      const key = keyAt(call, keyPtr);
      target.set(ask(call, { kind: 'read-appended', key, count: nElems >>> 0, maxBytes: target.byteLength }));
    },
    __faasm_clear_appended_state(keyPtr: number): void {
      const call = '__faasm_clear_appended_state';
      ask(call, { kind: 'clear-appended', key: keyAt(call, keyPtr) });
    },
  };
}
