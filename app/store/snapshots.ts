/** Proto-Faaslets and manual snapshots: take one of a Faaslet, restore it, see which pages differ. */
import { session } from './session';
import type { GetState, PlaygroundState, SetState } from './types';
import { errorMessage } from '../lib/error-message';


type SnapshotActions = Pick<PlaygroundState, 'refreshProtos' | 'takeSnapshot' | 'restoreSnapshot' | 'diffSnapshot' | 'deleteSnapshot'>;

export function snapshotActions(set: SetState, _get: GetState): SnapshotActions {
  /** Runs one runtime request; its failure becomes the panel's message, never a thrown error. */
  const attempt = async (body: () => Promise<Partial<PlaygroundState>>): Promise<boolean> => {
    const api = session.connection?.api;
    if (!api) return false;
    try {
      set({ ...(await body()), snapshotError: null });
      return true;
    } catch (e) {
      set({ snapshotError: errorMessage(e) });
      return false;
    }
  };
  const api = () => session.connection!.api;

  return {
    refreshProtos: () =>
      attempt(async () => {
        const [protos, snapshots] = await Promise.all([api().protoFaaslets(), api().snapshots()]);
        return { protos, snapshots };
      }),
    takeSnapshot: (faaslet, name) =>
      attempt(async () => {
        await api().snapshotFaaslet(faaslet, name);
        return { snapshots: await api().snapshots(), snapshotDiff: null };
      }),
    restoreSnapshot: (name, faaslet) =>
      attempt(async () => {
        await api().restoreSnapshot(name, faaslet);
        return { snapshotDiff: await api().diffSnapshot(name, faaslet) };
      }),
    diffSnapshot: (name, faaslet) => attempt(async () => ({ snapshotDiff: await api().diffSnapshot(name, faaslet) })),
    deleteSnapshot: (name) =>
      attempt(async () => {
        await api().deleteSnapshot(name);
        return { snapshots: await api().snapshots(), snapshotDiff: null };
      }),
  };
}
