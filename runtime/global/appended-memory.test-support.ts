/** An in-memory AppendedStore for unit tests: a Map of sequences. */
import type { AppendedStore } from './appended';

export class MemoryAppendedStore implements AppendedStore {
  readonly lists = new Map<string, Uint8Array[]>();

  async append(key: string, element: Uint8Array): Promise<number> {
    const list = this.lists.get(key) ?? [];
    list.push(element.slice());
    this.lists.set(key, list);
    return list.length;
  }

  async read(key: string, count: number): Promise<Uint8Array[]> {
    const list = this.lists.get(key) ?? [];
    return count > 0 ? list.slice(0, count) : list.slice();
  }

  async clear(key: string): Promise<void> {
    this.lists.delete(key);
  }

  close(): void {}
}
