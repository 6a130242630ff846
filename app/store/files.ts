/**
 * The Files tab's slice: one user's files as the runtime persists them, and the page's uploads,
 * downloads and deletes. It refreshes when the runtime says the user's files changed.
 */
import { saveFile } from '../lib/download';
import { errorMessage } from '../lib/error-message';
import { session } from './session';
import type { GetState, PlaygroundState, SetState } from './types';

type FileActions = Pick<PlaygroundState, 'watchFiles' | 'refreshFiles' | 'uploadFiles' | 'downloadFile' | 'removeFile'>;

export const noFiles: PlaygroundState['userFiles'] = { user: null, files: [], error: null };

export function fileActions(set: SetState, get: GetState): FileActions {
  const api = () => session.connection?.api ?? null;
  const patch = (change: Partial<PlaygroundState['userFiles']>) => set((s) => ({ userFiles: { ...s.userFiles, ...change } }));
  /** Runs a runtime action for the shown user; failures are shown, never thrown at React. */
  const act = async (body: (user: string) => Promise<void>) => {
    const user = get().userFiles.user;
    if (!user || !api()) return;
    try {
      await body(user);
      patch({ error: null });
    } catch (e) {
      patch({ error: errorMessage(e) });
    }
  };
  return {
    watchFiles(user) {
      patch({ user, files: [] });
      void get().refreshFiles();
      return (
        session.connection?.onEvent((event) => {
          if (event.type === 'files.changed' && event.user === get().userFiles.user) void get().refreshFiles();
        }) ?? (() => {})
      );
    },
    refreshFiles: () =>
      act(async (user) => {
        const files = await api()!.listFiles(user);
        if (get().userFiles.user === user) patch({ files: files.sort((a, b) => a.path.localeCompare(b.path)) });
      }),
    uploadFiles: (picked) =>
      act(async (user) => {
        for (const file of picked) await api()!.writeFile(user, file.name, new Uint8Array(await file.arrayBuffer()));
      }),
    downloadFile: (path) =>
      act(async (user) => saveFile(path.split('/').at(-1)!, (await api()!.readFile(user, path)) as Uint8Array<ArrayBuffer>, 'application/octet-stream')),
    removeFile: (path) => act((user) => api()!.deleteFile(user, path)),
  };
}
