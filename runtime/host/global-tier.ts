/**
 * The global tier part of the host interface: push, pull and global locks (runtime/global).
 * Each is one request to the host agent's GlobalTier; the Faaslet blocks in Atomics.wait on its
 * mailbox until the agent has done the IndexedDB transaction or got the Web Lock, in both await
 * modes (runtime/global/index.ts says why).
 *
 * A wrong request (no such key, sizes differ, a bad pointer, unlocking a lock not held) traps with
 * a HostError naming the import. A failure of the store itself returns an error code instead, so
 * the function can react: push and pull return 0, or -ENOSPC when the quota is full and -EIO for
 * any other IndexedDB failure, with a line on the call's stderr. Faasm declares these imports
 * void; a module built against those declarations still runs, because a void import ignores the
 * JS function's result (it then cannot see the failure, except on stderr).
 */
import { answerReply, type GlobalRequest } from '../global';
import { StateError, type StateArena } from '../state';
import type { ChainContext } from './chaining';
import { clearMailbox, waitForAnswer } from './mailbox';
import { HostError, type FaasletMemory } from './memory';
import type { StateMapping } from './state-mapping';

/**
 * The Faaslet's side of one request: post it, block until the agent answers in the mailbox.
 * Returns 0, or -errno when the store failed (said on stderr); a refusal is a HostError naming the import.
 */
export function askGlobalTier(chain: ChainContext, user: string, call: string, request: GlobalRequest): number {
  clearMailbox(chain.mailbox);
  chain.post({ kind: 'global', callId: chain.callId, user, request });
  const reply = answerReply(waitForAnswer(chain.mailbox));
  if (reply.kind === 'refused') throw new HostError(`${call}: ${reply.message}`);
  if (reply.kind === 'store-failed') {
    chain.stderr(`faasm: ${call}("${request.key.slice(user.length + 1)}") returned -${reply.errno}: ${reply.message}\n`);
    return -reply.errno;
  }
  return 0;
}

export function globalTierImports(
  memory: FaasletMemory,
  arena: StateArena,
  user: string,
  mapping: () => StateMapping,
  chain: ChainContext,
) {
  const keyAt = (call: string, keyPtr: number) => `${user}/${memory.readCString(call, keyPtr)}`;
  /** 0 when done, -errno when the store failed; traps when the request is wrong. */
  const run = (call: string, body: () => GlobalRequest, after?: () => void): number => {
    let request: GlobalRequest;
    try {
      request = body();
    } catch (error) {
      throw error instanceof StateError ? new HostError(`${call}: ${error.message}`) : error;
    }
    const code = askGlobalTier(chain, user, call, request);
    if (code < 0) return code;
    after?.();
    return 0;
  };
  /** Pushes need a local value; private copies (copy mode) reach the arena first. */
  const local = (key: string) => {
    const value = arena.require(key);
    mapping().writeBack(value);
    return value;
  };
  const lock = (call: string, kind: 'lock' | 'unlock', mode: 'read' | 'write') => (keyPtr: number) =>
    void run(call, () => ({ kind, key: keyAt(call, keyPtr), mode }));

  return {
    __faasm_push_state(keyPtr: number): number {
      const call = '__faasm_push_state';
      return run(call, () => ({ kind: 'push', key: local(keyAt(call, keyPtr)).key, mode: 'whole' }));
    },
    /** Only the dirty chunks are written: the 64-byte chunks of every range flagged since the last push. */
    __faasm_push_state_partial(keyPtr: number): number {
      const call = '__faasm_push_state_partial';
      return run(call, () => ({ kind: 'push', key: local(keyAt(call, keyPtr)).key, mode: 'partial' }));
    },
    /** Only the bytes where the mask key's value is non-zero. */
    __faasm_push_state_partial_mask(keyPtr: number, maskKeyPtr: number): number {
      const call = '__faasm_push_state_partial_mask';
      return run(call, () => {
        const key = local(keyAt(call, keyPtr)).key;
        return { kind: 'push', key, mode: 'mask', maskKey: local(keyAt(call, maskKeyPtr)).key };
      });
    },
    /** Copies the global value into this host's local tier; private copies are refreshed after. */
    __faasm_pull_state(keyPtr: number, stateLen: number): number {
      const call = '__faasm_pull_state';
      const key = keyAt(call, keyPtr);
      return run(
        call,
        () => ({ kind: 'pull', key, size: stateLen >>> 0 }),
        () => {
          const value = arena.find(key);
          if (value) mapping().refresh(value);
        },
      );
    },
    // Faasm's exclusive global lock (until 2022) is the write lock.
    __faasm_lock_state_global: lock('__faasm_lock_state_global', 'lock', 'write'),
    __faasm_unlock_state_global: lock('__faasm_unlock_state_global', 'unlock', 'write'),
    __faasm_lock_state_global_read: lock('__faasm_lock_state_global_read', 'lock', 'read'),
    __faasm_unlock_state_global_read: lock('__faasm_unlock_state_global_read', 'unlock', 'read'),
    __faasm_lock_state_global_write: lock('__faasm_lock_state_global_write', 'lock', 'write'),
    __faasm_unlock_state_global_write: lock('__faasm_unlock_state_global_write', 'unlock', 'write'),
  };
}
