/** What the person typed, kept in localStorage so a reload restores it. */
import type { Language } from '../../runtime';
import { EXAMPLES } from '../examples';

export type Theme = 'dark' | 'light';

export interface Workspace {
  language: Language;
  sources: Record<Language, string>;
  input: string;
  cpuTimeLimitMs: number;
  theme: Theme;
}

const STORAGE_KEY = 'faaslet-playground.workspace.v1';
export const DEFAULT_CPU_TIME_LIMIT_MS = 5000;

export function defaultWorkspace(): Workspace {
  return {
    language: 'c',
    sources: { ...EXAMPLES },
    input: 'Faaslet',
    cpuTimeLimitMs: DEFAULT_CPU_TIME_LIMIT_MS,
    theme: 'dark',
  };
}

const isLanguage = (v: unknown): v is Language => v === 'c' || v === 'cpp' || v === 'wat';

/** Stored data may come from an older version or be hand-edited: take only what checks out. */
export function loadWorkspace(): Workspace {
  const workspace = defaultWorkspace();
  let stored: Partial<Record<keyof Workspace, unknown>>;
  try {
    stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}');
  } catch {
    return workspace;
  }
  if (isLanguage(stored.language)) workspace.language = stored.language;
  if (typeof stored.sources === 'object' && stored.sources !== null) {
    for (const [language, source] of Object.entries(stored.sources)) {
      if (isLanguage(language) && typeof source === 'string') workspace.sources[language] = source;
    }
  }
  if (typeof stored.input === 'string') workspace.input = stored.input;
  if (typeof stored.cpuTimeLimitMs === 'number' && stored.cpuTimeLimitMs > 0) {
    workspace.cpuTimeLimitMs = stored.cpuTimeLimitMs;
  }
  if (stored.theme === 'light' || stored.theme === 'dark') workspace.theme = stored.theme;
  return workspace;
}

/** Returns false when the browser refuses (quota, private mode). */
export function writeWorkspace(workspace: Workspace): boolean {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(workspace));
    return true;
  } catch {
    return false;
  }
}
