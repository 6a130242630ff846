import { describe, expect, it } from 'vitest';
import type { Tree } from '@yowasp/clang';
import { PRELUDE, PRELUDE_FILE, createPchCache, makePch, type PchStore } from './pch';

function memoryStore(): PchStore & { entries: Map<string, Uint8Array> } {
  const entries = new Map<string, Uint8Array>();
  return { entries, get: async (k) => entries.get(k) ?? null, put: async (k, b) => void entries.set(k, b) };
}

/** A clang that "precompiles" by writing the flags it got, and counts its runs. */
function fakeClang() {
  const runs: { args: string[]; files: Tree }[] = [];
  return {
    runs,
    run: async (args: string[], files: Tree) => {
      runs.push({ args, files });
      const out = args[args.indexOf('-o') + 1]!;
      return { files: { [out]: new TextEncoder().encode(args.join(' ')) }, log: '' };
    },
  };
}

const headers = { inc: { 'faasm.h': 'int f();' } };

describe('makePch', () => {
  it('runs clang++ on the prelude with the headers present and stores the PCH', async () => {
    const clang = fakeClang();
    const store = memoryStore();
    expect(await makePch({ run: clang.run, headers, version: 'v1', store }, ['-O2'])).toBeNull();
    expect(clang.runs).toHaveLength(1);
    expect(clang.runs[0]!.args).toEqual(['-O2', '-fpch-instantiate-templates', '-x', 'c++-header', PRELUDE_FILE, '-o', 'prelude.hpp.pch']);
    expect(clang.runs[0]!.files).toMatchObject({ inc: headers.inc, 'faasm-pch': { 'prelude.hpp': PRELUDE } });
    expect(store.entries.size).toBe(1);
  });

  it("gives clang's log or the storage error when nothing was stored", async () => {
    const failing = async () => ({ files: null, log: 'prelude.hpp:1: error: no faasm.h' });
    expect(await makePch({ run: failing, headers, version: 'v1', store: memoryStore() }, ['-O2'])).toContain('no faasm.h');
    const full: PchStore = { get: async () => null, put: async () => { throw new Error('quota exceeded'); } };
    expect(await makePch({ run: fakeClang().run, headers, version: 'v1', store: full }, ['-O2'])).toBe('quota exceeded');
  });
});

describe('createPchCache', () => {
  it('notes the PCH a lookup lacked, and while it is being made a lookup is null at once, not reading the store', async () => {
    const store = memoryStore();
    let reads = 0;
    const counting: PchStore = { get: (k) => (reads++, store.get(k)), put: store.put };
    const pchs = createPchCache({ headers, version: 'v1', store: counting });
    expect(await pchs.lookup(['-O2'])).toBeNull();
    expect(pchs.isWanted(['-O2'])).toBe(true);
    expect(pchs.next()).toEqual(['-O2']);
    expect(pchs.next()).toBeNull();
    expect(pchs.isMaking(['-O2'])).toBe(true);
    const readsBefore = reads;
    // A lookup that waited for the PCH would never settle here: nothing finishes it.
    expect(await pchs.lookup(['-O2'])).toBeNull();
    expect(reads).toBe(readsBefore);
    expect(pchs.isWanted(['-O2'])).toBe(false);
  });

  it('picks up the PCH the PCH Worker stored on the next lookup, then keeps it', async () => {
    const store = memoryStore();
    let found = 0;
    const pchs = createPchCache({ headers, version: 'v1', store, onFound: () => found++ });
    await pchs.lookup(['-O2']);
    expect(found).toBe(0);
    const flags = pchs.next()!;
    await makePch({ run: fakeClang().run, headers, version: 'v1', store }, flags);
    pchs.finished(flags, true);
    const pch = await pchs.lookup(['-O2']);
    expect(pch!.args).toEqual(['-include-pch', 'prelude.hpp.pch']);
    expect(new TextDecoder().decode(pch!.files['prelude.hpp.pch'] as Uint8Array)).toContain('-O2');
    store.entries.clear();
    expect(await pchs.lookup(['-O2'])).toBe(pch);
    expect(pchs.next()).toBeNull();
    expect(found).toBe(1);
  });

  it('reads a kept PCH back on a later load, and wants a new one when a header changes', async () => {
    const store = memoryStore();
    await makePch({ run: fakeClang().run, headers, version: 'v1', store }, ['-O2']);
    expect(await createPchCache({ headers, version: 'v1', store }).lookup(['-O2'])).not.toBeNull();
    const changed = createPchCache({ headers: { inc: { 'faasm.h': 'int g();' } }, version: 'v1', store });
    expect(await changed.lookup(['-O2'])).toBeNull();
    expect(changed.isWanted(['-O2'])).toBe(true);
  });

  it('one per set of flags; one that could not be made is not wanted again', async () => {
    const pchs = createPchCache({ headers, version: 'v1', store: memoryStore() });
    await pchs.lookup(['-O2']);
    await pchs.lookup(['-O0']);
    await pchs.lookup(['-O2']);
    const first = pchs.next()!;
    pchs.finished(first, false);
    expect(await pchs.lookup(first)).toBeNull();
    expect(pchs.isWanted(first)).toBe(false);
    expect(pchs.next()).toEqual(['-O0']);
    expect(pchs.next()).toBeNull();
  });
});
