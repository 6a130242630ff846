import { describe, expect, it } from 'vitest';
import type { Tree } from '@yowasp/clang';
import { PRELUDE, PRELUDE_FILE, createPchCache, type PchStore } from './pch';

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

describe('createPchCache', () => {
  const headers = { inc: { 'faasm.h': 'int f();' } };

  it('has none at first, makes the wanted one afterwards, once per set of flags, with the headers present', async () => {
    const clang = fakeClang();
    const pchs = createPchCache({ run: clang.run, headers, version: 'v1', store: null });
    expect(await pchs.lookup(['-O2'])).toBeNull();
    expect(pchs.isWanted(['-O2'])).toBe(true);
    expect(clang.runs).toHaveLength(0);

    await pchs.makeWanted();
    expect(clang.runs).toHaveLength(1);
    expect(clang.runs[0]!.args).toEqual(['-O2', '-fpch-instantiate-templates', '-x', 'c++-header', PRELUDE_FILE, '-o', 'prelude.hpp.pch']);
    expect(clang.runs[0]!.files).toMatchObject({ inc: headers.inc, 'faasm-pch': { 'prelude.hpp': PRELUDE } });
    const pch = await pchs.lookup(['-O2']);
    expect(pch!.args).toEqual(['-include-pch', 'prelude.hpp.pch']);
    expect(pchs.isWanted(['-O2'])).toBe(false);

    expect(await pchs.lookup(['-O0'])).toBeNull();
    await pchs.makeWanted();
    await pchs.makeWanted();
    expect(clang.runs).toHaveLength(2);
  });

  it('reads a kept PCH back on a later load, and makes a new one when a header changes', async () => {
    const store = memoryStore();
    const first = createPchCache({ run: fakeClang().run, headers, version: 'v1', store });
    await first.lookup(['-O2']);
    await first.makeWanted();
    expect(store.entries.size).toBe(1);

    const again = fakeClang();
    const reread = await createPchCache({ run: again.run, headers, version: 'v1', store }).lookup(['-O2']);
    expect(again.runs).toHaveLength(0);
    expect(new TextDecoder().decode(reread!.files['prelude.hpp.pch'] as Uint8Array)).toContain('-O2');

    const changed = createPchCache({ run: fakeClang().run, headers: { inc: { 'faasm.h': 'int g();' } }, version: 'v1', store });
    expect(await changed.lookup(['-O2'])).toBeNull();
  });

  it('stays null when clang cannot make it, and is not tried again', async () => {
    let runs = 0;
    const pchs = createPchCache({ run: async () => ({ files: null, log: String(++runs) }), headers, version: 'v1', store: null });
    await pchs.lookup(['-O2']);
    await pchs.makeWanted();
    expect(await pchs.lookup(['-O2'])).toBeNull();
    await pchs.makeWanted();
    expect(runs).toBe(1);
  });
});
