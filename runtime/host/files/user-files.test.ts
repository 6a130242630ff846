import { describe, expect, it } from 'vitest';
import { DIRECTORY, type FileChanges, type FileEntries } from './entries';
import type { FileStore } from './store';
import { UserFiles } from './user-files';

/** The IndexedDB store's behaviour, in memory. */
class MemoryFileStore implements FileStore {
  readonly users = new Map<string, FileEntries>();
  async load(user: string) {
    return new Map(this.users.get(user) ?? []);
  }
  async list(user: string) {
    return [...(this.users.get(user) ?? [])].map(([path, e]) => ({
      path,
      size: e === DIRECTORY ? 0 : e.byteLength,
      directory: e === DIRECTORY,
      modifiedAt: 0,
    }));
  }
  async apply(user: string, { written, removed }: FileChanges) {
    const files = this.users.get(user) ?? new Map();
    for (const path of removed) files.delete(path);
    for (const [path, entry] of written) files.set(path, entry);
    this.users.set(user, files);
  }
}

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
