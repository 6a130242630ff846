import { OpenFile, wasi } from '@bjorn3/browser_wasi_shim';
import { describe, expect, it } from 'vitest';
import { applyChanges, diffEntries, DIRECTORY, normalizePath, type FileEntries, type FileEntry } from './entries';
import { entriesOf, preopenRoot } from './tree';

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (entry: unknown) => new TextDecoder().decode(entry as Uint8Array);

describe('file entries', () => {
  it('normalizes paths and refuses ones that leave the root', () => {
    expect(normalizePath('/data//in.txt')).toBe('data/in.txt');
    expect(normalizePath('./a/./b')).toBe('a/b');
    expect(normalizePath('../bob/secret')).toBeNull();
    expect(normalizePath('/')).toBeNull();
  });

  it('diffs written, created and removed entries, and applies them', () => {
    const before: FileEntries = new Map<string, FileEntry>([
      ['keep', bytes('same')],
      ['edit', bytes('old')],
      ['gone', bytes('x')],
    ]);
    const after: FileEntries = new Map<string, FileEntry>([
      ['keep', bytes('same')],
      ['edit', bytes('new')],
      ['dir', DIRECTORY],
      ['dir/new', bytes('n')],
    ]);
    const changes = diffEntries(before, after);
    expect([...changes.written.keys()].sort()).toEqual(['dir', 'dir/new', 'edit']);
    expect(changes.removed).toEqual(['gone']);
    expect([...applyChanges(before, changes).keys()].sort()).toEqual(['dir', 'dir/new', 'edit', 'keep']);
  });
});

describe('the WASI tree', () => {
  it('round-trips entries, with parent directories made as needed', () => {
    const root = preopenRoot(new Map([['a/b/c.txt', bytes('deep')]]));
    const back = entriesOf(root.dir);
    expect([...back.keys()]).toEqual(['a', 'a/b', 'a/b/c.txt']);
    expect(text(back.get('a/b/c.txt'))).toBe('deep');
  });

  it('sees what a call wrote through the shim, and leaves the original bytes alone', () => {
    const original = bytes('hello');
    const root = preopenRoot(new Map([['f.txt', original]]));
    const opened = root.path_open(0, 'f.txt', 0, BigInt(wasi.RIGHTS_FD_WRITE), 0n, 0);
    (opened.fd_obj as OpenFile).fd_write(bytes('J'));
    root.path_open(0, 'new.txt', wasi.OFLAGS_CREAT, 0n, 0n, 0);
    const changes = diffEntries(new Map([['f.txt', original]]), entriesOf(root.dir));
    expect(text(changes.written.get('f.txt'))).toBe('Jello');
    expect(changes.written.has('new.txt')).toBe(true);
    expect(text(original)).toBe('hello');
  });
});
