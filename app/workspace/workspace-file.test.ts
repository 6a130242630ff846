import { describe, expect, it } from 'vitest';
import type { Workspace } from '../store/workspace';
import { parseWorkspaceFile, workspaceFile } from './workspace-file';

const workspace: Workspace = {
  functions: {
    'demo/hello': { user: 'demo', name: 'hello', language: 'c', sources: { c: 'int main(){}', wat: '(module)' }, input: 'Faaslet' },
    'alice/sum': { user: 'alice', name: 'sum', language: 'cpp', sources: { cpp: '// sum' }, input: '' },
    'alice/libsum': { user: 'alice', name: 'libsum', language: 'c', sources: { c: 'int sum(int a, int b) { return a + b; }' }, input: '', kind: 'library' },
    'alice/args': { user: 'alice', name: 'args', language: 'c', sources: { c: 'int main(int c, char** v){return c;}' }, input: '', cmdline: '3 four' },
  },
  current: 'alice/sum',
  cpuTimeLimitMs: 2500,
  theme: 'light',
  cluster: { hosts: 3, slotsPerHost: 2 },
};

/** The exported file as an object, changed by `edit`, back to text. */
function edited(edit: (file: Record<string, any>) => void): string {
  const file = JSON.parse(workspaceFile(workspace));
  edit(file);
  return JSON.stringify(file);
}

describe('workspace files', () => {
  it('round-trips a workspace', () => {
    expect(parseWorkspaceFile(workspaceFile(workspace))).toEqual({ ok: true, workspace });
  });

  it('says why a file is refused', () => {
    const cases: [string, RegExp][] = [
      ['{"functions": ', /not valid JSON/],
      ['[1,2]', /not a Faaslet Playground workspace/],
      [edited((f) => { f.version = 9; }), /version 9/],
      [edited((f) => { f.functions = {}; }), /at least one/],
      [edited((f) => { f.functions['demo/hello'].language = 'rust'; }), /"demo\/hello": language/],
      [edited((f) => { f.functions['demo/hello'].sources = { wat: '' }; }), /no c source/],
      [edited((f) => { f.functions['demo/hello'].sources.c = 7; }), /sources\.c/],
      [edited((f) => { f.functions['demo/hello'].input = null; }), /input/],
      [edited((f) => { f.functions['alice/args'].cmdline = ['3']; }), /cmdline/],
      [edited((f) => { f.functions['demo/hello'].kind = 'plugin'; }), /kind must be function or library/],
      [edited((f) => { f.functions['bad key'] = f.functions['demo/hello']; }), /"bad key"/],
      [edited((f) => { f.functions['demo/other'] = f.functions['demo/hello']; }), /do not match/],
      [edited((f) => { f.current = 'demo/gone'; }), /"current"/],
      [edited((f) => { f.cluster.hosts = 99; }), /cluster\.hosts/],
      [edited((f) => { f.cpuTimeLimitMs = -1; }), /cpuTimeLimitMs/],
    ];
    for (const [text, error] of cases) {
      const read = parseWorkspaceFile(text);
      expect(read.ok, text).toBe(false);
      if (!read.ok) expect(read.error).toMatch(error);
    }
  });
});
