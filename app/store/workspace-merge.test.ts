import { describe, expect, it } from 'vitest';
import { baseOf, mergeWorkspace, type StoredFunctions } from './workspace-merge';
import type { FunctionDoc } from './workspace';

const doc = (name: string, source: string): FunctionDoc => ({ user: 'demo', name, language: 'c', sources: { c: source }, input: '' });

const stored = (functions: Record<string, FunctionDoc>, revs: Record<string, number> = {}, deleted: Record<string, number> = {}): StoredFunctions => ({
  functions,
  revs: Object.fromEntries(Object.keys(functions).map((k) => [k, revs[k] ?? 1])),
  deleted,
});

/** Two tabs that loaded the same stored workspace. */
const start = stored({ 'demo/hello': doc('hello', 'v0'), 'demo/other': doc('other', 'o0') });

describe('workspace merge between tabs', () => {
  it("keeps both tabs' edits and a new function of one of them (the issue's case)", () => {
    const base = baseOf(start);
    // Tab A edits hello and adds a function, and saves.
    const a = mergeWorkspace({ ...start.functions, 'demo/hello': doc('hello', 'A'), 'demo/added': doc('added', 'new') }, base, start);
    expect(a.stored.revs).toMatchObject({ 'demo/hello': 2, 'demo/added': 1, 'demo/other': 1 });
    // Tab B, still on the old base, edits the other function and saves over what A stored.
    const b = mergeWorkspace({ ...start.functions, 'demo/other': doc('other', 'B') }, base, a.stored);
    expect(b.notices).toEqual([]);
    expect(b.functions['demo/hello']?.sources.c).toBe('A');
    expect(b.functions['demo/added']?.sources.c).toBe('new');
    expect(b.functions['demo/other']?.sources.c).toBe('B');
    // A hears of B's save: it takes B's edit and keeps its own.
    const a2 = mergeWorkspace(a.functions, a.base, b.stored);
    expect(Object.fromEntries(Object.entries(a2.functions).map(([k, f]) => [k, f.sources.c]))).toEqual({
      'demo/hello': 'A', 'demo/other': 'B', 'demo/added': 'new',
    });
  });

  it('keeps both versions of a function changed in both tabs, with a notice', () => {
    const base = baseOf(start);
    const a = mergeWorkspace({ ...start.functions, 'demo/hello': doc('hello', 'A') }, base, start);
    const b = mergeWorkspace({ ...start.functions, 'demo/hello': doc('hello', 'B') }, base, a.stored);
    expect(b.functions['demo/hello']?.sources.c).toBe('B');
    expect(b.functions['demo/hello_other_tab']).toMatchObject({ name: 'hello_other_tab', sources: { c: 'A' } });
    expect(b.notices).toEqual([expect.stringContaining('demo/hello_other_tab')]);
  });

  it('carries deletes and renames to the other tab, and an edit beats a delete', () => {
    const base = baseOf(start);
    // A renames other to renamed (a delete and a new function).
    const { 'demo/other': renamed, ...rest } = start.functions;
    const a = mergeWorkspace({ ...rest, 'demo/renamed': { ...renamed!, name: 'renamed' } }, base, start);
    expect(a.stored.deleted['demo/other']).toBe(2);
    const b = mergeWorkspace(start.functions, base, a.stored);
    expect(Object.keys(b.functions).sort()).toEqual(['demo/hello', 'demo/renamed']);
    // A deletes hello while B edits it: B's edit is kept.
    const { 'demo/hello': _gone, ...withoutHello } = a.functions;
    const a2 = mergeWorkspace(withoutHello, a.base, a.stored);
    const b2 = mergeWorkspace({ ...b.functions, 'demo/hello': doc('hello', 'edited') }, b.base, a2.stored);
    expect(b2.functions['demo/hello']?.sources.c).toBe('edited');
    expect(b2.notices).toEqual([expect.stringContaining('deleted in another tab')]);
  });

  it('writes its copy again when another tab stored an older revision over it in a race', () => {
    const base = baseOf(start);
    const a = mergeWorkspace({ ...start.functions, 'demo/hello': doc('hello', 'A') }, base, start);
    // A stale write: the store holds the start again, at revision 1.
    const again = mergeWorkspace(a.functions, a.base, start);
    expect(again.functions['demo/hello']?.sources.c).toBe('A');
    expect(again.stored.revs['demo/hello']).toBe(3);
  });

  it('changes nothing when nothing changed, and key order does not count as a change', () => {
    const base = baseOf(start);
    const reordered = { 'demo/hello': { input: '', sources: { c: 'v0' }, language: 'c', name: 'hello', user: 'demo' } as FunctionDoc, 'demo/other': doc('other', 'o0') };
    const merged = mergeWorkspace(reordered, base, start);
    expect(merged.stored.revs).toEqual(start.revs);
    expect(merged.notices).toEqual([]);
  });
});

describe('tabs that started before anything was stored', () => {
  it('take the first save of another tab without a conflict', () => {
    const firstStart = { 'demo/hello': doc('hello', 'v0') };
    const base = baseOf({ functions: firstStart, revs: { 'demo/hello': 0 }, deleted: {} });
    const a = mergeWorkspace({ 'demo/hello': doc('hello', 'A') }, base, { functions: {}, revs: {}, deleted: {} });
    const b = mergeWorkspace(firstStart, base, a.stored);
    expect(b.notices).toEqual([]);
    expect(b.functions['demo/hello']?.sources.c).toBe('A');
  });
});
