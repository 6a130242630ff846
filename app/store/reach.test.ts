import { describe, expect, it } from 'vitest';
import { namesCalledBy, reachableKeys, type ReachableSource } from './reach';

const fn = (key: string, source: string): [string, ReachableSource] => {
  const [user, name] = key.split('/') as [string, string];
  return [key, { user, name, source }];
};

describe('namesCalledBy', () => {
  it('finds chained names and opened libraries, once each, in order', () => {
    const src = `
      int a = faasmChainNamed("square", in, n);
      int b = __faasm_chain_name ( "cube", 0, 0);
      void* l = dlopen("libsquare.so", RTLD_NOW);
      void* m = dlopen("/lib/libmath.so", RTLD_NOW);
      faasmChainNamed("square", 0, 0);`;
    expect(namesCalledBy(src)).toEqual(['square', 'cube', 'libsquare', 'libmath']);
  });

  it('ignores names in comments and names not given as literals', () => {
    const src = `// faasmChainNamed("commented", 0, 0);
      /* dlopen("libold.so", 0); */
      faasmChainNamed(name, 0, 0); dlopen(path, 0);`;
    expect(namesCalledBy(src)).toEqual([]);
  });
});

describe('reachableKeys', () => {
  const functions = Object.fromEntries([
    fn('demo/fan_out', 'faasmChainNamed("square", 0, 0);'),
    fn('demo/square', 'faasmChainNamed("helper", 0, 0); dlopen("libsquare.so", 0);'),
    fn('demo/helper', 'faasmChainNamed("fan_out", 0, 0);'),
    fn('demo/libsquare', 'int square(int x) { return x * x; }'),
    fn('demo/lonely', 'int main() { return 0; }'),
    fn('other/square', 'int main() { return 0; }'),
  ]);

  it('follows chains and dlopen transitively, stops at cycles, stays within the user', () => {
    expect(reachableKeys(functions, 'demo/fan_out')).toEqual(['demo/fan_out', 'demo/square', 'demo/helper', 'demo/libsquare']);
  });

  it('is only the start for a function that calls nothing, and empty for an unknown key', () => {
    expect(reachableKeys(functions, 'demo/lonely')).toEqual(['demo/lonely']);
    expect(reachableKeys(functions, 'demo/missing')).toEqual([]);
  });

  it('leaves out names with no function', () => {
    const fs = Object.fromEntries([fn('u/a', 'faasmChainNamed("nobody", 0, 0);')]);
    expect(reachableKeys(fs, 'u/a')).toEqual(['u/a']);
  });
});
