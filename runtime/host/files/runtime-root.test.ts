import { Directory, File } from '@bjorn3/browser_wasi_shim';
import { describe, expect, it } from 'vitest';
import { DIRECTORY, type FileEntries } from './entries';
import { entriesOf, fileAt, preopenRoot } from './tree';

const text = (bytes: Uint8Array | null) => (bytes ? new TextDecoder().decode(bytes) : null);

describe("Faasm's runtime root in a call's tree", () => {
  it('has /etc/hosts, /etc/passwd, /etc/resolv.conf and /tmp, and none of it is the user’s files', () => {
    const root = preopenRoot(new Map());
    expect(text(fileAt(root.dir, 'etc/passwd'))).toMatch(/^faasm:x:1000:1000:/m);
    expect(text(fileAt(root.dir, 'etc/hosts'))).toMatch(/^127\.0\.0\.1\tlocalhost$/m);
    expect(text(fileAt(root.dir, 'etc/resolv.conf'))).toMatch(/^nameserver /);
    expect(root.dir.contents.get('tmp')).toBeInstanceOf(Directory);
    expect(entriesOf(root.dir)).toEqual(new Map());
  });

  it('a file written under /tmp is the user’s (flushed), and the user’s own /etc files win', () => {
    const files: FileEntries = new Map([['etc/hosts', new TextEncoder().encode('mine\n')]]);
    const root = preopenRoot(files);
    expect(text(fileAt(root.dir, 'etc/hosts'))).toBe('mine\n');
    const tmp = root.dir.contents.get('tmp') as Directory;
    tmp.contents.set('out.txt', new File(new TextEncoder().encode('x')));
    expect([...entriesOf(root.dir)].map(([path, entry]) => [path, entry === DIRECTORY ? 'dir' : text(entry)])).toEqual([
      ['etc', 'dir'],
      ['etc/hosts', 'mine\n'],
      ['tmp/out.txt', 'x'],
    ]);
  });
});

describe('faasm:// paths', () => {
  it('name the same files as plain paths in the user’s files', () => {
    const root = preopenRoot(new Map([['shared/a.txt', new TextEncoder().encode('A')]]));
    const plain = root.path_lookup('shared/a.txt', 0).inode_obj;
    expect(plain).toBeInstanceOf(File);
    expect(root.path_lookup('faasm://shared/a.txt', 0).inode_obj).toBe(plain);
    expect(root.path_create_directory('faasm://made')).toBe(0);
    expect(entriesOf(root.dir).get('made')).toBe(DIRECTORY);
  });
});
