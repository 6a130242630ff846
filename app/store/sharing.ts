/**
 * Functions and workspaces from outside: the examples gallery, share links and workspace files.
 * What is here already is never overwritten: a link's or a file's function that clashes with a
 * different one of the same name opens beside it, as a copy under a free name.
 */
import { freeName } from '../lib/share';
import type { GetState, PlaygroundState, SetState } from './types';
import { docOf, keyOf, sourceOf, type FunctionDoc } from './workspace';

type SharingActions = Pick<PlaygroundState, 'openExample' | 'openShared' | 'importWorkspace' | 'setWorkspaceNotice'>;

/** Same code, input and command line: the function is here already, and nothing of it would be lost. */
const sameCall = (a: FunctionDoc, b: FunctionDoc) =>
  a.kind === b.kind && a.language === b.language && sourceOf(a) === sourceOf(b) && a.input === b.input && a.inputFormat === b.inputFormat && (a.cmdline ?? '') === (b.cmdline ?? '');

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function sharingActions(set: SetState, get: GetState): SharingActions {
  const add = (doc: FunctionDoc) =>
    set((s) => ({ functions: { ...s.functions, [keyOf(doc)]: doc }, current: keyOf(doc) }));

  /**
   * Adds the functions beside the workspace's own, selects `current`'s (or its copy), and says
   * what became of each: opened, opened as a copy, or here already the same.
   */
  function merge(docs: FunctionDoc[], current: string): string {
    // Names the incoming functions keep are taken too, so a renamed copy never lands on one.
    const incoming = new Set(docs.map(keyOf));
    const opened: string[] = [];
    const kept: string[] = [];
    const renamed: string[] = [];
    let select = current;
    for (const doc of docs) {
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
      const free = freeName(doc.user, doc.name, (k) => k in get().functions || (k !== key && incoming.has(k)));
      add({ ...doc, name: free });
      renamed.push(`${key} as ${doc.user}/${free}`);
      if (key === current) select = `${doc.user}/${free}`;
    }
    if (get().functions[select]) get().selectFunction(select);
    return [
      opened.length ? `opened ${opened.join(', ')}` : '',
      renamed.length ? `opened ${renamed.join(', ')} (your function${renamed.length === 1 ? ' of that name has' : 's of those names have'} other code or input and ${renamed.length === 1 ? 'was' : 'were'} left as ${renamed.length === 1 ? 'it is' : 'they are'})` : '',
      kept.length ? `${kept.join(', ')} ${kept.length === 1 ? 'was' : 'were'} in the workspace already, the same` : '',
    ].filter(Boolean).join('; ');
  }

  return {
    openExample(example) {
      if (get().functions[example.key]) return get().selectFunction(example.key);
      add(docOf(example));
    },

    openShared({ functions, current }) {
      const docs = functions.map(({ user, name, language, source, input, inputFormat, cmdline, kind }): FunctionDoc => ({
        user,
        name,
        language,
        sources: { [language]: source },
        input,
        ...(inputFormat === 'hex' ? { inputFormat } : {}),
        ...(cmdline ? { cmdline } : {}),
        ...(kind === 'library' ? { kind } : {}),
      }));
      const what = merge(docs, current);
      set({ workspaceNotice: { tone: 'info', text: `From a shared link of ${plural(functions.length, 'function')}: ${what}.` } });
    },

    importWorkspace(workspace, from) {
      // The functions only: the person's own settings (limit, theme, cluster) stay as they are.
      const docs = Object.values(workspace.functions);
      const what = merge(docs, workspace.current);
      set({ workspaceNotice: { tone: 'info', text: `Imported ${plural(docs.length, 'function')} from ${from}: ${what}.` } });
    },

    setWorkspaceNotice: (workspaceNotice) => set({ workspaceNotice }),
  };
}
