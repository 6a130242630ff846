/**
 * Functions and workspaces from outside: the examples gallery, share links and workspace files.
 * What is here already is never overwritten without being asked (a file replaces the workspace
 * only after the person confirms, see WorkspaceFile.tsx).
 */
import { freeName } from '../lib/share';
import type { GetState, PlaygroundState, SetState } from './types';
import { docOf, keyOf, sourceOf, type FunctionDoc } from './workspace';

type SharingActions = Pick<PlaygroundState, 'openExample' | 'openShared' | 'replaceWorkspace' | 'setWorkspaceNotice'>;

const sameCode = (a: FunctionDoc, b: FunctionDoc) => a.kind === b.kind && a.language === b.language && sourceOf(a) === sourceOf(b);

export function sharingActions(set: SetState, get: GetState): SharingActions {
  const add = (doc: FunctionDoc) =>
    set((s) => ({ functions: { ...s.functions, [keyOf(doc)]: doc }, current: keyOf(doc) }));

  return {
    openExample(example) {
      if (get().functions[example.key]) return get().selectFunction(example.key);
      add(docOf(example));
    },

    openShared({ user, name, language, source, input, cmdline, kind }) {
      const doc: FunctionDoc = { user, name, language, sources: { [language]: source }, input, ...(cmdline ? { cmdline } : {}), ...(kind === 'library' ? { kind } : {}) };
      const key = keyOf(doc);
      const existing = get().functions[key];
      if (existing && sameCode(existing, doc)) {
        get().selectFunction(key);
        set({ workspaceNotice: { tone: 'info', text: `Opened ${key} from a shared link (the workspace had the same code).` } });
        return;
      }
      if (!existing) {
        add(doc);
        set({ workspaceNotice: { tone: 'info', text: `Opened ${key} from a shared link.` } });
        return;
      }
      const free = freeName(user, name, (k) => k in get().functions);
      add({ ...doc, name: free });
      set({
        workspaceNotice: {
          tone: 'info',
          text: `Opened the shared link as ${user}/${free}: your ${key} has other code and was left as it is.`,
        },
      });
    },

    replaceWorkspace(workspace, from) {
      const { functions, current, cpuTimeLimitMs, theme, cluster } = workspace;
      const count = Object.keys(functions).length;
      set({
        functions,
        current,
        cpuTimeLimitMs,
        theme,
        workspaceNotice: { tone: 'info', text: `Imported ${count} function${count === 1 ? '' : 's'} from ${from}.` },
      });
      get().setClusterSize(cluster);
    },

    setWorkspaceNotice: (workspaceNotice) => set({ workspaceNotice }),
  };
}
