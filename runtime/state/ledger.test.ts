import { describe, expect, it } from 'vitest';
import { StateArena } from './arena';
import { describeArena } from './describe';
import { createLockLedger, LEDGER_KEYS, LockLedger } from './ledger';

describe('LockLedger', () => {
  it('releases exactly the locks a Faaslet left held, and forgets those it released itself', () => {
    const arena = StateArena.create({ initialPages: 1 });
    const [a, b, c] = ['u/a', 'u/b', 'u/c'].map((k) => arena.ensure(k, 8)) as [ReturnType<typeof arena.ensure>, ReturnType<typeof arena.ensure>, ReturnType<typeof arena.ensure>];
    const ledger = new LockLedger(createLockLedger());
    arena.lockWrite(a);
    ledger.note(a, 'write', true);
    arena.lockRead(b);
    ledger.note(b, 'read', true);
    arena.lockRead(b);
    ledger.note(b, 'read', true);
    arena.lockRead(c);
    ledger.note(c, 'read', true);
    arena.unlockRead(c);
    ledger.note(c, 'read', false);
    // Someone else's read lock on b must survive the release.
    arena.lockRead(b);

    expect(ledger.releaseAll(arena)).toEqual([
      { key: 'u/a', kind: 'write', count: 1 },
      { key: 'u/b', kind: 'read', count: 2 },
    ]);
    const locks = Object.fromEntries(describeArena(arena).map((k) => [k.key, { readers: k.readers, writer: k.writer }]));
    expect(locks).toEqual({
      'u/a': { readers: 0, writer: false },
      'u/b': { readers: 1, writer: false },
      'u/c': { readers: 0, writer: false },
    });
    expect(ledger.releaseAll(arena)).toEqual([]);
  });

  it('refuses to track more keys than it has room for, with a clear message', () => {
    const arena = StateArena.create({ initialPages: 1 });
    const ledger = new LockLedger(createLockLedger());
    for (let i = 0; i < LEDGER_KEYS; i++) ledger.note(arena.ensure(`u/k${i}`, 1), 'read', true);
    expect(() => ledger.note(arena.ensure('u/one-more', 1), 'read', true)).toThrow(`at most ${LEDGER_KEYS} keys`);
  });
});
