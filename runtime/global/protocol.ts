/**
 * Faaslet → host agent: one global-tier request, sent as a `global` message (faaslet/protocol.ts)
 * while the Faaslet blocks in Atomics.wait on its mailbox; the agent writes the reply there.
 * Keys are namespaced already (`user/key`). Values never travel in these messages: the agent
 * reads and writes the host's state arena itself (it is shared memory).
 */
import type { AwaitAnswer } from '../faaslet/protocol';

export type GlobalLockMode = 'read' | 'write';

export type GlobalRequest =
  /** whole: the value, if dirty. partial: its dirty chunks. mask: the bytes the mask key's value marks non-zero, if dirty. */
  | { kind: 'push'; key: string; mode: 'whole' | 'partial' }
  | { kind: 'push'; key: string; mode: 'mask'; maskKey: string }
  /** `size` 0 takes the global size; a larger size than the global one is refused. */
  | { kind: 'pull'; key: string; size: number }
  | { kind: 'lock' | 'unlock'; key: string; mode: GlobalLockMode }
  | AppendedRequest;

/**
 * Appended state (appended.ts): one sequence per key in the global tier, as Faasm keeps it. The
 * element travels with an append (it is in the Faaslet's private memory); a read's elements come
 * back in the reply.
 */
export type AppendedRequest =
  | { kind: 'append'; key: string; data: Uint8Array }
  /** The first `count` elements (every element when `count` is 0), at most `maxBytes` in all. */
  | { kind: 'read-appended'; key: string; count: number; maxBytes: number }
  | { kind: 'clear-appended'; key: string };

export type GlobalReply =
  /** The global version the push wrote or the pull read; 0 for a key the global tier lacks, and for locks. */
  | { kind: 'done'; version: number; bytes?: Uint8Array /** a read of appended state: its elements, concatenated */ }
  /** The request is wrong (sizes differ, a lock not held…): the Faaslet traps naming the import. */
  | { kind: 'refused'; message: string }
  /** The store failed (quota, IndexedDB error) and nothing was written: the import returns -errno (a WASI errno). */
  | { kind: 'store-failed'; errno: number; message: string };

/**
 * The reply as the mailbox carries it: a version in returnCode, or an error with returnCode
 * -errno for a store failure and 0 for a refusal.
 */
export function replyAnswer(reply: GlobalReply): AwaitAnswer {
  const output = new Uint8Array();
  if (reply.kind === 'done') return { returnCode: reply.version, output: reply.bytes ?? output, error: null };
  return { returnCode: reply.kind === 'store-failed' ? -reply.errno : 0, output, error: reply.message };
}

export function answerReply({ returnCode, output, error }: AwaitAnswer): GlobalReply {
  if (error === null) return output.byteLength > 0 ? { kind: 'done', version: returnCode, bytes: output } : { kind: 'done', version: returnCode };
  return returnCode < 0 ? { kind: 'store-failed', errno: -returnCode, message: error } : { kind: 'refused', message: error };
}
