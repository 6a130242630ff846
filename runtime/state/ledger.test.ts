import { describe, expect, it } from 'vitest';
import { StateArena } from './arena';
import { describeArena } from './describe';
import { createLockLedger, LEDGER_KEYS, LockLedger } from './ledger';

const lockWord = (arena: StateArena, key: string) =>
  Atomics.load(arena.metadata.words, arena.metadata.lockIndex(arena.require(key).slot));

describe('LockLedger', () => {
  it('releases exactly the locks a Faaslet left held, and forgets those it released itself', () => {
    const arena = StateArena.create({ initialPages: 1 });
    const [a, b, c] = ['u/a', 'u/b', 'u/c'].map((k) => arena.ensure(k, 8)) as [ReturnType<typeof arena.ensure>, ReturnType<typeof arena.ensure>, ReturnType<typeof arena.ensure>];
    const ledger = new LockLedger(createLockLedger());
    const locks = ledger.over(arena);
    locks.lockWrite(a);
    locks.lockRead(b);
    locks.lockRead(b);
    locks.lockRead(c);
    locks.unlockRead(c);
    // Someone else's read lock on b must survive the release.
    arena.lockRead(b);

    expect(ledger.releaseAll(arena)).toEqual([
      { key: 'u/a', kind: 'write', count: 1 },
      { key: 'u/b', kind: 'read', count: 2 },
    ]);
    const held = Object.fromEntries(describeArena(arena).map((k) => [k.key, { readers: k.readers, writer: k.writer }]));
    expect(held).toEqual({
      'u/a': { readers: 0, writer: false },
      'u/b': { readers: 1, writer: false },
      'u/c': { readers: 0, writer: false },
    });
    expect(ledger.releaseAll(arena)).toEqual([]);
  });

  it("refuses an unlock of a lock this call does not hold, leaving another holder's lock alone", () => {
    const arena = StateArena.create({ initialPages: 1 });
    const value = arena.ensure('u/k', 4);
    arena.lockWrite(value); // another Faaslet's
    const locks = new LockLedger(createLockLedger()).over(arena);
    expect(() => locks.unlockWrite(value)).toThrow('key "u/k" is not locked for writing by this call');
    expect(() => locks.unlockRead(value)).toThrow('not locked for reading by this call');
    expect(lockWord(arena, 'u/k')).toBe(-1);
  });

  it('refuses a lock that would wait for the call itself', () => {
    const arena = StateArena.create({ initialPages: 1 });
    const value = arena.ensure('u/k', 4);
    const locks = new LockLedger(createLockLedger()).over(arena);
    locks.lockRead(value);
    expect(() => locks.lockWrite(value)).toThrow('a write lock would wait for itself');
    locks.unlockRead(value);
    locks.lockWrite(value);
    expect(() => locks.lockRead(value)).toThrow('a read lock would wait for itself');
  });

  it('reports a lock word that disagrees with it instead of throwing, and goes on releasing', () => {
    const arena = StateArena.create({ initialPages: 1 });
    const [a, b] = [arena.ensure('u/a', 4), arena.ensure('u/b', 4)];
    const ledger = new LockLedger(createLockLedger());
    const locks = ledger.over(arena);
    locks.lockWrite(a);
    locks.lockWrite(b);
    // Something released a behind the ledger's back.
    arena.unlockWrite(a);
    const released = ledger.releaseAll(arena);
    expect(released[0]).toMatchObject({ key: 'u/a', kind: 'write', problem: 'key "u/a" is not locked for writing' });
    expect(released[1]).toEqual({ key: 'u/b', kind: 'write', count: 1 });
    expect(lockWord(arena, 'u/b')).toBe(0);
  });

  it('refuses to track more keys than it has room for, with a clear message', () => {
    const arena = StateArena.create({ initialPages: 1 });
    const locks = new LockLedger(createLockLedger()).over(arena);
    for (let i = 0; i < LEDGER_KEYS; i++) locks.lockRead(arena.ensure(`u/k${i}`, 1));
    expect(() => locks.lockRead(arena.ensure('u/one-more', 1))).toThrow(`at most ${LEDGER_KEYS} keys`);
    expect(lockWord(arena, 'u/one-more')).toBe(0);
  });
});
