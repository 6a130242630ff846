/**
 * Faaslet → host agent: one global-tier request, sent as a `global` message (faaslet/protocol.ts)
 * while the Faaslet blocks in Atomics.wait on its mailbox; the agent writes the reply there.
 * Keys are namespaced already (`user/key`). Values never travel in these messages: the agent
 * reads and writes the host's state arena itself (it is shared memory).
 */

export type GlobalLockMode = 'read' | 'write';

export type GlobalRequest =
  /** whole: the value, if dirty. partial: its dirty range. mask: the bytes the mask key's value marks non-zero, if dirty. */
  | { kind: 'push'; key: string; mode: 'whole' | 'partial' }
  | { kind: 'push'; key: string; mode: 'mask'; maskKey: string }
  /** `size` 0 takes the global size; a larger size than the global one is refused. */
  | { kind: 'pull'; key: string; size: number }
  | { kind: 'lock' | 'unlock'; key: string; mode: GlobalLockMode };

export interface GlobalReply {
  /** The global version the push wrote or the pull read; 0 for a key the global tier lacks, and for locks. */
  version: number;
  /** Why the request failed; the Faaslet turns it into a HostError naming the import. */
  error: string | null;
}
