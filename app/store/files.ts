/**
 * The Files tab's store: one user's files as the runtime persists them, and the page's uploads,
 * downloads and deletes. Kept apart from the main store; it reaches the runtime through the
 * same session, and refreshes when the runtime says the user's files changed.
 */
import { create } from 'zustand';
import type { UserFileInfo } from '../../runtime';
import { saveFile } from '../lib/download';
import { errorMessage } from '../lib/error-message';
import { session } from './session';

interface FilesState {
  user: string | null;
  files: UserFileInfo[];
  error: string | null;
  /** Show `user`'s files and follow their changes. */
  watch(user: string): () => void;
  refresh(): Promise<void>;
  upload(picked: FileList): Promise<void>;
  download(path: string): Promise<void>;
  remove(path: string): Promise<void>;
}


export const useFiles = create<FilesState>()((set, get) => {
  const api = () => session.connection?.api ?? null;
  /** Runs a runtime action for the shown user; failures are shown, never thrown at React. */
  const act = async (body: (user: string) => Promise<void>) => {
    const user = get().user;
    if (!user || !api()) return;
    try {
      await body(user);
      set({ error: null });
    } catch (e) {
      set({ error: errorMessage(e) });
    }
  };
  return {
    user: null,
    files: [],
    error: null,
    watch(user) {
      set({ user, files: [] });
      void get().refresh();
      return (
        session.connection?.onEvent((event) => {
          if (event.type === 'files.changed' && event.user === get().user) void get().refresh();
        }) ?? (() => {})
      );
    },
    refresh: () =>
      act(async (user) => {
        const files = await api()!.listFiles(user);
        if (get().user === user) set({ files: files.sort((a, b) => a.path.localeCompare(b.path)) });
      }),
    upload: (picked) =>
      act(async (user) => {
        for (const file of picked) await api()!.writeFile(user, file.name, new Uint8Array(await file.arrayBuffer()));
      }),
    download: (path) =>
      act(async (user) => saveFile(path.split('/').at(-1)!, (await api()!.readFile(user, path)) as Uint8Array<ArrayBuffer>, 'application/octet-stream')),
    remove: (path) => act((user) => api()!.deleteFile(user, path)),
  };
});
