/**
 * Faasm's `faasm://` paths: Faasm names its shared files `faasm://<path>` (faasm/cpp
 * func/demo/shared_file.cpp), files every call can read. A user's files here are shared by all
 * its calls already (global read, local write), so `faasm://<path>` is `<path>` in them.
 * wasi-libc passes such a path to the root relative ("faasm://dir/file"), so the root maps it
 * before the shim parses it (which would see an empty component after "faasm:").
 */
import { PreopenDirectory, type Inode } from '@bjorn3/browser_wasi_shim';

const PREFIX = /^(\.\/)?faasm:\/\//;

export const fromFaasmPath = (path: string): string => path.replace(PREFIX, '');

/** The preopened root '/', with `faasm://` paths taken as paths in it. */
export class FaasmRoot extends PreopenDirectory {
  constructor(contents: Map<string, Inode>) {
    super('/', contents);
  }

  override path_filestat_get(flags: number, path: string) {
    return super.path_filestat_get(flags, fromFaasmPath(path));
  }

  override path_lookup(path: string, dirflags: number) {
    return super.path_lookup(fromFaasmPath(path), dirflags);
  }

  override path_open(dirflags: number, path: string, oflags: number, base: bigint, inheriting: bigint, fdFlags: number) {
    return super.path_open(dirflags, fromFaasmPath(path), oflags, base, inheriting, fdFlags);
  }

  override path_create_directory(path: string) {
    return super.path_create_directory(fromFaasmPath(path));
  }

  override path_link(path: string, inode: Inode, allowDir: boolean) {
    return super.path_link(fromFaasmPath(path), inode, allowDir);
  }

  override path_unlink(path: string) {
    return super.path_unlink(fromFaasmPath(path));
  }

  override path_unlink_file(path: string) {
    return super.path_unlink_file(fromFaasmPath(path));
  }

  override path_remove_directory(path: string) {
    return super.path_remove_directory(fromFaasmPath(path));
  }
}
