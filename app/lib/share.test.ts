import { compressToEncodedURIComponent } from 'lz-string';
import { describe, expect, it } from 'vitest';
import { freeName, readShareHash, shareHash, shareRefusal, type SharedFunction, type SharedSet } from './share';

const fn: SharedFunction = {
  user: 'demo',
  name: 'hello',
  language: 'c',
  source: '// héllo ✓\n#include "faasm/faasm.h"\nint main() { return 0; }\n',
  input: 'a b&c=d#e',
};

const one = (f: SharedFunction): SharedSet => ({ functions: [f], current: `${f.user}/${f.name}` });

const hashOf = (value: unknown) => `#share=${compressToEncodedURIComponent(JSON.stringify(value))}`;

describe('share links', () => {
  it('round-trips a function through the hash, with URL-safe characters only', () => {
    const hash = shareHash(one(fn));
    expect(hash).toMatch(/^#share=[A-Za-z0-9+\-$]+$/);
    expect(readShareHash(hash)).toEqual({ ok: true, shared: one(fn) });
    const library: SharedFunction = { ...fn, name: 'libhello', kind: 'library', input: '00 ff', inputFormat: 'hex' };
    const withArgs: SharedFunction = { ...fn, name: 'args', cmdline: '10  -v' };
    const set: SharedSet = { functions: [fn, library, withArgs], current: 'demo/args' };
    expect(readShareHash(shareHash(set))).toEqual({ ok: true, shared: set });
    expect(readShareHash(hashOf({ v: 2, current: 'demo/hello', functions: [{ ...fn, cmdline: 7 }] }))).toMatchObject({ ok: false });
  });

  it('still opens a link of version 1, which carried one function', () => {
    expect(readShareHash(hashOf({ v: 1, ...fn, cmdline: '-n 3' }))).toEqual({ ok: true, shared: one({ ...fn, cmdline: '-n 3' }) });
    expect(readShareHash(hashOf({ ...fn, v: 1, cmdline: 7 }))).toMatchObject({ ok: false });
  });

  it('refuses a set whose current function is not in it, or that names a function twice', () => {
    expect(readShareHash(hashOf({ v: 2, current: 'demo/other', functions: [fn] }))).toMatchObject({ ok: false, error: expect.stringMatching(/damaged/) });
    expect(readShareHash(hashOf({ v: 2, current: 'demo/hello', functions: [fn, fn] }))).toMatchObject({ ok: false });
    expect(readShareHash(hashOf({ v: 2, current: 'demo/hello', functions: [] }))).toMatchObject({ ok: false });
  });

  it('compresses repetitive code', () => {
    const big = { ...fn, source: 'int x = 0;\n'.repeat(500) };
    expect(shareHash(one(big)).length).toBeLessThan(big.source.length / 5);
  });

  it('ignores hashes that are not share links', () => {
    expect(readShareHash('')).toBeNull();
    expect(readShareHash('#calls')).toBeNull();
  });

  it('reports damaged, foreign and invalid links', () => {
    expect(readShareHash(shareHash(one(fn)).slice(0, 30))).toMatchObject({ ok: false, error: expect.stringMatching(/damaged/) });
    expect(readShareHash('#share=%%%')).toMatchObject({ ok: false });
    expect(readShareHash(hashOf({ ...fn, v: 3 }))).toMatchObject({ ok: false, error: expect.stringMatching(/another version/) });
    expect(readShareHash(hashOf({ ...fn, v: 1, name: '../etc' }))).toMatchObject({ ok: false });
    expect(readShareHash(hashOf({ ...fn, v: 1, language: 'rust' }))).toMatchObject({ ok: false });
    expect(readShareHash(hashOf({ ...fn, v: 1, source: 42 }))).toMatchObject({ ok: false });
    expect(readShareHash(hashOf([1, 2]))).toMatchObject({ ok: false });
  });
});

describe('freeName', () => {
  it('keeps a free name and numbers a taken one', () => {
    const taken = new Set(['demo/hello', 'demo/hello_2']);
    expect(freeName('demo', 'other', (k) => taken.has(k))).toBe('other');
    expect(freeName('demo', 'hello', (k) => taken.has(k))).toBe('hello_3');
  });

  it('stays within 64 characters', () => {
    const long = 'x'.repeat(64);
    expect(freeName('u', long, (k) => k === `u/${long}`)).toBe(`${'x'.repeat(62)}_2`);
  });

  it('refuses a link that carries more than its stated maximum, and refuses to make one', () => {
    const big = { ...fn, source: '// repeat\n'.repeat(300_000) }; // 3 MiB, a short hash
    expect(shareRefusal([big])).toMatch(/source is 2\.9 MiB, and a link carries at most 1 MiB of code/);
    const hash = hashOf({ v: 1, ...big });
    expect(hash.length).toBeLessThan(100_000);
    expect(readShareHash(hash)).toEqual({ ok: false, error: expect.stringMatching(/not opened: it carries .* of text\. Links carry at most 1 MiB of code/) });
    expect(readShareHash(`#share=${'A'.repeat((1 << 20) + 1)}`)).toMatchObject({ ok: false, error: expect.stringContaining('compressed text') });
    expect(shareRefusal([fn])).toBeNull();
    // The maximum is for the link's code together, not per function.
    const half = { ...fn, source: 'x'.repeat(600_000) };
    expect(shareRefusal([half, { ...half, name: 'other' }])).toMatch(/source is 1\.1 MiB/);
  });
});
