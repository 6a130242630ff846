/** Workspace actions: create, rename, delete and switch functions; edit the current one. */
import { checkLimits, type Language } from '../../runtime';
import { starterSource } from '../examples';
import { session } from './session';
import type { GetState, PlaygroundState, SetState } from './types';
import { keyOf, parseKey, type FunctionDoc } from './workspace';
import { errorMessage } from '../lib/error-message';


type FunctionActions = Pick<
  PlaygroundState,
  'selectFunction' | 'createFunction' | 'renameFunction' | 'deleteFunction' | 'setLanguage' | 'setSource' | 'setInput' | 'setInputFormat' | 'setInputFile' | 'setCmdline' | 'setLimits'
>;

export function functionActions(set: SetState, get: GetState): FunctionActions {
  const patchFunction = (key: string, patch: (f: FunctionDoc) => Partial<FunctionDoc>) =>
    set((s) => {
      const f = s.functions[key];
      return f ? { functions: { ...s.functions, [key]: { ...f, ...patch(f) } } } : {};
    });

  const isUploaded = (key: string) => get().uploaded.some((f) => keyOf(f) === key);

  return {
    selectFunction: (key) => {
      if (get().functions[key]) set({ current: key });
    },

    createFunction(key, language, kind = 'function') {
      const parsed = parseKey(key);
      if (!parsed) return 'Name it user/function: letters, digits, _ and - only.';
      const name = keyOf(parsed);
      if (get().functions[name]) return `${name} already exists.`;
      if (kind === 'library' && language === 'wat') return 'A library is built from C or C++.';
      const sources = { [language]: starterSource(name, language, kind) };
      const doc: FunctionDoc = { ...parsed, language, sources, input: '', ...(kind === 'library' ? { kind } : {}) };
      set((s) => ({ functions: { ...s.functions, [name]: doc }, current: name }));
      return null;
    },

    async renameFunction(key, newName) {
      const f = get().functions[key];
      if (!f) return `${key} does not exist.`;
      const to = parseKey(`${f.user}/${newName}`);
      if (!to) return 'Use letters, digits, _ and - only.';
      const newKey = keyOf(to);
      if (newKey === key) return null;
      if (get().functions[newKey]) return `${newKey} already exists.`;
      if (isUploaded(key)) {
        try {
          await session.connection?.api.renameFunction(f.user, f.name, to.name);
        } catch (e) {
          return `The runtime could not rename it: ${errorMessage(e)}`;
        }
      }
      set((s) => {
        const { [key]: doc, ...functions } = s.functions;
        const { [key]: built, ...others } = s.built;
        return {
          functions: { ...functions, [newKey]: { ...doc!, name: to.name } },
          built: built ? { ...others, [newKey]: built } : others,
          current: s.current === key ? newKey : s.current,
        };
      });
      return null;
    },

    async deleteFunction(key) {
      const f = get().functions[key];
      if (!f) return null;
      if (Object.keys(get().functions).length === 1) return 'The workspace needs at least one function.';
      if (isUploaded(key)) {
        try {
          await session.connection?.api.deleteFunction(f.user, f.name);
        } catch (e) {
          return `The runtime could not delete it: ${errorMessage(e)}`;
        }
      }
      set((s) => {
        const { [key]: _deleted, ...functions } = s.functions;
        const { [key]: _built, ...built } = s.built;
        return { functions, built, current: s.current === key ? Object.keys(functions)[0]! : s.current };
      });
      return null;
    },

    // A language the function has never used starts from a working example.
    setLanguage: (language: Language) =>
      patchFunction(get().current, (f) => ({
        language,
        sources: f.sources[language] === undefined ? { ...f.sources, [language]: starterSource(keyOf(f), language, f.kind) } : f.sources,
      })),

    setSource: (key, language, source) => patchFunction(key, (f) => ({ sources: { ...f.sources, [language]: source } })),

    setInput: (input) => patchFunction(get().current, () => ({ input })),
    setInputFormat: (format, input) => patchFunction(get().current, () => ({ input, inputFormat: format === 'hex' ? 'hex' : undefined, inputFile: undefined })),
    setInputFile: (path) => patchFunction(get().current, () => ({ inputFile: path })),
    setCmdline: (cmdline) => patchFunction(get().current, () => ({ cmdline: cmdline || undefined })),

    setLimits(limits) {
      const problem = checkLimits(limits);
      if (problem) return problem;
      patchFunction(get().current, () => ({ limits: { memoryMiB: limits.memoryMiB, bytesPerSecond: limits.bytesPerSecond || null } }));
      return null;
    },
  };
}
