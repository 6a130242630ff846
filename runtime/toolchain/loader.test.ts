import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLANG_VERSION, throttle } from './loader';

describe('loader', () => {
  it('names the cache after the installed @yowasp/clang version', () => {
    const pkg = JSON.parse(readFileSync('node_modules/@yowasp/clang/package.json', 'utf8')) as { version: string };
    expect(CLANG_VERSION).toBe(pkg.version);
  });

  it('throttles progress but always passes the final value', () => {
    const seen: number[] = [];
    const p = throttle((d) => seen.push(d), 1_000_000);
    p(1, 10); p(2, 10); p(3, 10); p(10, 10);
    expect(seen).toEqual([1, 10]);
  });
});
