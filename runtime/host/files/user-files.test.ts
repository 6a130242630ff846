import { describe, expect, it } from 'vitest';
import { MemoryFileStore } from './memory-store.test-support';
import { UserFiles } from './user-files';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('UserFiles', () => {
  it('flushes a call’s changes to the store; a snapshot taken before stays as it was', async () => {
    const store = new MemoryFileStore();
    const changed: string[] = [];
    const files = new UserFiles(store, (user) => changed.push(user));
    const before = await files.current('alice');
    await files.flush('alice', { written: new Map([['out.txt', bytes('hi')]]), removed: [] });
    expect(before.size).toBe(0);
    expect(new TextDecoder().decode(await files.read('alice', '/out.txt'))).toBe('hi');
    expect(store.users.get('alice')?.has('out.txt')).toBe(true);
    expect(changed).toEqual(['alice']);
  });

  it('keeps users apart', async () => {
    const files = new UserFiles(new MemoryFileStore(), () => {});
    await files.write('alice', 'secret.txt', bytes('s'));
    expect((await files.current('bob')).size).toBe(0);
    await expect(files.read('bob', 'secret.txt')).rejects.toThrow(/bob has no file/);
  });

  it('uploads into directories and removes a directory with its contents', async () => {
    const files = new UserFiles(new MemoryFileStore(), () => {});
    await files.write('u', 'data/in/a.txt', bytes('a'));
    expect([...(await files.current('u')).keys()].sort()).toEqual(['data', 'data/in', 'data/in/a.txt']);
    await files.remove('u', 'data');
    expect((await files.current('u')).size).toBe(0);
    await expect(files.write('u', '../x', bytes('x'))).rejects.toThrow(/not a path/);
  });
});
