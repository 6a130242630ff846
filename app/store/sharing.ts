/**
 * Functions and workspaces from outside: the examples gallery, share links and workspace files.
 * What is here already is never overwritten without being asked (a file replaces the workspace
 * only after the person confirms, see WorkspaceFile.tsx).
 */
import { freeName } from '../lib/share';
import type { GetState, PlaygroundState, SetState } from './types';
import { docOf, keyOf, sourceOf, type FunctionDoc } from './workspace';

type SharingActions = Pick<PlaygroundState, 'openExample' | 'openShared' | 'replaceWorkspace' | 'setWorkspaceNotice'>;

/** Same code, input and command line: the link's function is here already, and nothing of it would be lost. */
const sameCall = (a: FunctionDoc, b: FunctionDoc) =>
  a.kind === b.kind && a.language === b.language && sourceOf(a) === sourceOf(b) && a.input === b.input && a.inputFormat === b.inputFormat && (a.cmdline ?? '') === (b.cmdline ?? '');

export function sharingActions(set: SetState, get: GetState): SharingActions {
  const add = (doc: FunctionDoc) =>
    set((s) => ({ functions: { ...s.functions, [keyOf(doc)]: doc }, current: keyOf(doc) }));

  return {
    openExample(example) {
      if (get().functions[example.key]) return get().selectFunction(example.key);
      add(docOf(example));
    },

    openShared({ functions, current }) {
      // Names the link's functions keep are taken too, so a renamed copy never lands on one.
      const linkKeys = new Set(functions.map((f) => `${f.user}/${f.name}`));
      const opened: string[] = [];
      const kept: string[] = [];
      const renamed: string[] = [];
      let select = current;
      for (const { user, name, language, source, input, inputFormat, cmdline, kind } of functions) {
        const doc: FunctionDoc = {
          user,
          name,
          language,
          sources: { [language]: source },
          input,
          ...(inputFormat === 'hex' ? { inputFormat } : {}),
          ...(cmdline ? { cmdline } : {}),
          ...(kind === 'library' ? { kind } : {}),
        };
        const key = keyOf(doc);
        const existing = get().functions[key];
        if (existing && sameCall(existing, doc)) {
          kept.push(key);
          continue;
        }
        if (!existing) {
          add(doc);
          opened.push(key);
          continue;
        }
        const free = freeName(user, name, (k) => k in get().functions || (k !== key && linkKeys.has(k)));
        add({ ...doc, name: free });
        renamed.push(`${key} as ${user}/${free}`);
        if (key === current) select = `${user}/${free}`;
      }
      get().selectFunction(select);
      const parts = [
        opened.length ? `opened ${opened.join(', ')}` : '',
        renamed.length ? `opened ${renamed.join(', ')} (your function${renamed.length === 1 ? ' of that name has' : 's of those names have'} other code or input and ${renamed.length === 1 ? 'was' : 'were'} left as ${renamed.length === 1 ? 'it is' : 'they are'})` : '',
        kept.length ? `${kept.join(', ')} ${kept.length === 1 ? 'was' : 'were'} in the workspace already, the same` : '',
      ].filter(Boolean);
      const count = functions.length;
      set({ workspaceNotice: { tone: 'info', text: `From a shared link of ${count} function${count === 1 ? '' : 's'}: ${parts.join('; ')}.` } });
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
