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

  it('precompiles the prelude once per set of flags, as a C++ header with the headers present', async () => {
    const clang = fakeClang();
    const pchs = createPchCache({ run: clang.run, headers, version: 'v1', store: null });
    const [a, b] = await Promise.all([pchs.get(['-O2']), pchs.get(['-O2'])]);
    expect(a).toBe(b);
    expect(clang.runs).toHaveLength(1);
    expect(clang.runs[0]!.args).toEqual(['-O2', '-fpch-instantiate-templates', '-x', 'c++-header', PRELUDE_FILE, '-o', 'prelude.hpp.pch']);
    expect(clang.runs[0]!.files).toMatchObject({ inc: headers.inc, 'faasm-pch': { 'prelude.hpp': PRELUDE } });
    expect(a!.args).toEqual(['-include-pch', 'prelude.hpp.pch']);
    expect(a!.made).not.toBeNull();

    await pchs.get(['-O0']);
    expect(clang.runs).toHaveLength(2);
  });

  it('reads a kept PCH back on a later load, and makes a new one when a header changes', async () => {
    const store = memoryStore();
    const first = fakeClang();
    await createPchCache({ run: first.run, headers, version: 'v1', store }).get(['-O2']);
    expect(store.entries.size).toBe(1);

    const again = fakeClang();
    const reread = await createPchCache({ run: again.run, headers, version: 'v1', store }).get(['-O2']);
    expect(again.runs).toHaveLength(0);
    expect(reread!.made).toBeNull();
    expect(new TextDecoder().decode(reread!.files['prelude.hpp.pch'] as Uint8Array)).toContain('-O2');

    const changed = fakeClang();
    await createPchCache({ run: changed.run, headers: { inc: { 'faasm.h': 'int g();' } }, version: 'v1', store }).get(['-O2']);
    expect(changed.runs).toHaveLength(1);
  });

  it('is null when clang cannot make it, so the build goes without', async () => {
    const pchs = createPchCache({ run: async () => ({ files: null, log: 'error' }), headers, version: 'v1', store: null });
    expect(await pchs.get(['-O2'])).toBeNull();
  });
});
