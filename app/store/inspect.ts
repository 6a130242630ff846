/** The Faaslets whose memory the Memory tab shows: at most two, side by side. */
import { session } from './session';
import type { GetState, PlaygroundState, SetState } from './types';
import { errorMessage } from '../lib/error-message';

const MAX_SHOWN = 2;

type InspectActions = Pick<PlaygroundState, 'inspectFaaslet' | 'refreshInspection' | 'closeInspection'>;

export function inspectActions(set: SetState, get: GetState): InspectActions {
  const fetch = async (id: number) => {
    const api = session.connection?.api;
    if (!api) return null;
    try {
      return await api.inspectFaaslet(id);
    } catch (e) {
      // The Faaslet is gone (an extra one started for a deep chain, or its host was removed).
      set((s) => ({ inspectError: errorMessage(e), inspected: s.inspected.filter((i) => i.faaslet !== id) }));
      return null;
    }
  };
  return {
    async inspectFaaslet(id) {
      set({ outputTab: 'memory', inspectError: null });
      const inspection = await fetch(id);
      if (!inspection) return;
      set((s) => {
        const others = s.inspected.filter((i) => i.faaslet !== id);
        return { inspected: [...others.slice(-(MAX_SHOWN - 1)), inspection] };
      });
    },
    /** A Faaslet gets a new memory when it starts cold for another function: ask again. */
    async refreshInspection(id) {
      if (!get().inspected.some((i) => i.faaslet === id)) return;
      const inspection = await fetch(id);
      if (inspection) set((s) => ({ inspected: s.inspected.map((i) => (i.faaslet === id ? inspection : i)) }));
    },
    closeInspection: (id) => set((s) => ({ inspected: s.inspected.filter((i) => i.faaslet !== id) })),
  };
}
