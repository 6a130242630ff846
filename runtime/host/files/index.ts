/**
 * Users' files: a per-user virtual filesystem through WASI, persisted in IndexedDB.
 *
 * - entries.ts: files as plain data (what crosses Workers and what IndexedDB holds), diffs.
 * - tree.ts: entries ↔ the WASI shim's in-memory tree, preopened as '/' for one call.
 * - runtime-root.ts: Faasm's runtime root (/etc files, a writable /tmp) laid over every call's tree.
 * - faasm-paths.ts: Faasm's `faasm://` shared-file paths, as paths in the user's files.
 * - store.ts: IndexedDB (`idb`), one record per (user, path).
 * - user-files.ts: the agent's copy per user; the flush model (global read, local write) is described there.
 *
 * Pitfall: the shim's File copies its bytes when made and replaces `data` when a file grows, so
 * what a call changed is found by comparing bytes at its end, not by identity.
 */
export { DIRECTORY, diffEntries, normalizePath, type FileChanges, type FileEntries, type FileEntry } from './entries';
export { entriesOf, fileAt, preopenRoot } from './tree';
export { IdbFileStore, type FileStore, type StoredFileInfo } from './store';
export { UserFiles } from './user-files';
