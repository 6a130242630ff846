import { describe, expect, it } from 'vitest';
import { argsOfCmdline, chainedArgs } from './cmdline';

describe('command line → argv (faabric getArgvForMessage)', () => {
  it('gives no arguments for an empty command line', () => {
    expect(argsOfCmdline('')).toEqual([]);
  });

  it('splits on every single space, keeping empty arguments', () => {
    expect(argsOfCmdline('10 foo')).toEqual(['10', 'foo']);
    expect(argsOfCmdline('a  b')).toEqual(['a', '', 'b']);
  });

  it('gives a chained call the command line set for its function, and none otherwise', () => {
    expect(chainedArgs({ worker: '-n 3' }, 'worker')).toEqual(['-n', '3']);
    expect(chainedArgs({ worker: '-n 3' }, 'other')).toEqual([]);
    expect(chainedArgs({}, 'toString')).toEqual([]);
  });
});
