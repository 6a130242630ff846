/**
 * Faasm's runtime root, laid over every call's view of its user's files: the `/etc` files its
 * file functions expect (Faasm's worker image puts hosts, resolv.conf and passwd in
 * /usr/local/faasm/runtime_root/etc, ansible/roles/runtime_fs) and a writable `/tmp`.
 * The `/etc` files are read-only and never the user's: they are not flushed back. What a call
 * writes under `/tmp` is the user's, flushed like any other file, so a later call on any host
 * reads it (Faasm shares /tmp between a user's calls too).
 * The contents are the project's own, in the shape those files have on a Faasm worker: one
 * local host, the `faasm` user (uid and gid 1000, as Faasm's worker image creates it).
 */
import { Directory, File, type Inode } from '@bjorn3/browser_wasi_shim';

const encoder = new TextEncoder();

export const RUNTIME_ROOT_ETC: Readonly<Record<string, string>> = {
  hosts: '127.0.0.1\tlocalhost\n::1\tlocalhost\n',
  'resolv.conf': 'nameserver 127.0.0.1\n',
  passwd: 'root:x:0:0:root:/root:/bin/false\nfaasm:x:1000:1000:faasm:/:/bin/false\n',
  group: 'root:x:0:\nfaasm:x:1000:\n',
};

/** The inodes this module added to a call's tree: not the user's files. */
const added = new WeakSet<Inode>();

export const isRuntimeRoot = (inode: Inode): boolean => added.has(inode);

/** Adds `/etc`'s files and `/tmp` to a call's root where the user has none of the same name. */
export function addRuntimeRoot(contents: Map<string, Inode>): void {
  let etc = contents.get('etc');
  if (!etc) {
    etc = new Directory(new Map());
    added.add(etc);
    contents.set('etc', etc);
  }
  if (etc instanceof Directory) {
    for (const [name, text] of Object.entries(RUNTIME_ROOT_ETC)) {
      if (etc.contents.has(name)) continue;
      const file = new File(encoder.encode(text), { readonly: true });
      added.add(file);
      etc.contents.set(name, file);
    }
  }
  if (!contents.has('tmp')) {
    const tmp = new Directory(new Map());
    added.add(tmp);
    contents.set('tmp', tmp);
  }
}
