/**
 * What the person typed — every function's sources and input — kept in localStorage so a
 * reload restores it. Version 1 held one function; it becomes `demo/hello`. Every function is
 * stored with a revision, and deleted ones leave theirs, so tabs merge their saves
 * (workspace-merge.ts) instead of overwriting each other.
 */
import { checkLimits, type FunctionKind, type FunctionLimits, type Language } from '../../runtime';
import { EXAMPLES, HELLO, HELLO_INPUT, HELLO_KEY, type Example } from '../examples';
import { utf8Bytes } from '../lib/input-limits';
import type { StoredFunctions } from './workspace-merge';

import { keyOf, parseKey } from '../lib/function-key';

export { keyOf, parseKey };

export type Theme = 'dark' | 'light';

/** One function of the workspace, named as Faasm names it: `user/name`. */
export interface FunctionDoc {
  user: string;
  name: string;
  language: Language;
  /** Each language keeps its own text; `sources[language]` is always there. */
  sources: Partial<Record<Language, string>>;
  input: string;
  /** How `input` is written: hex bytes; absent: text, sent as UTF-8 (lib/call-input.ts). */
  inputFormat?: 'hex';
  /** A file of the Files tab whose bytes are the input instead (`input` is kept for later); absent: none. */
  inputFile?: string;
  /** Its command line (Faasm's `cmdline`): argv after `function.wasm`, split on spaces; absent: none. */
  cmdline?: string;
  /** Memory and bandwidth of its Faaslets; absent: the runtime's defaults. */
  limits?: FunctionLimits;
  /** A library builds as a side module that functions dlopen; absent: a function. */
  kind?: FunctionKind;
}

export interface ClusterSize {
  /** @default 2 (1–8) */
  hosts: number;
  /** @default 4 */
  slotsPerHost: number;
}

export interface Workspace {
  /** Keyed by `user/name`. */
  functions: Record<string, FunctionDoc>;
  /** The key of the function in the editor. */
  current: string;
  cpuTimeLimitMs: number;
  theme: Theme;
  cluster: ClusterSize;
}

export const STORAGE_KEY = 'faaslet-playground.workspace.v2';
const V1_STORAGE_KEY = 'faaslet-playground.workspace.v1';
export const DEFAULT_CPU_TIME_LIMIT_MS = 5000;
export const DEFAULT_CLUSTER: ClusterSize = { hosts: 2, slotsPerHost: 4 };


export const sourceOf = (f: FunctionDoc) => f.sources[f.language] ?? '';

/** An example as a function of the workspace. */
export function docOf(example: Example): FunctionDoc {
  const { user, name } = parseKey(example.key)!;
  const doc: FunctionDoc = { user, name, language: example.language, sources: { [example.language]: example.source }, input: example.input };
  return example.kind === 'library' ? { ...doc, kind: 'library' } : doc;
}

function helloDoc(): FunctionDoc {
  return { user: 'demo', name: 'hello', language: 'c', sources: { ...HELLO }, input: HELLO_INPUT };
}

function firstStart(): Workspace {
  const functions: Record<string, FunctionDoc> = { [HELLO_KEY]: helloDoc() };
  for (const example of EXAMPLES) functions[example.key] = docOf(example);
  return {
    functions,
    current: HELLO_KEY,
    cpuTimeLimitMs: DEFAULT_CPU_TIME_LIMIT_MS,
    theme: 'dark',
    cluster: { ...DEFAULT_CLUSTER },
  };
}

type Stored = Partial<Record<string, unknown>>;

const isLanguage = (v: unknown): v is Language => v === 'c' || v === 'cpp' || v === 'wat';
const isObject = (v: unknown): v is Stored => typeof v === 'object' && v !== null;
const wholeIn = (v: unknown, min: number, max: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

function readSources(stored: unknown, into: Partial<Record<Language, string>>): void {
  if (!isObject(stored)) return;
  for (const [language, source] of Object.entries(stored)) {
    if (isLanguage(language) && typeof source === 'string') into[language] = source;
  }
}

function readFunction(key: string, stored: unknown): FunctionDoc | null {
  const parsed = parseKey(key);
  if (!parsed || !isObject(stored) || !isLanguage(stored.language)) return null;
  const doc: FunctionDoc = { ...parsed, language: stored.language, sources: {}, input: '' };
  readSources(stored.sources, doc.sources);
  if (typeof stored.input === 'string') doc.input = stored.input;
  if (typeof stored.cmdline === 'string' && stored.cmdline !== '') doc.cmdline = stored.cmdline;
  if (stored.inputFormat === 'hex') doc.inputFormat = 'hex';
  if (typeof stored.inputFile === 'string') doc.inputFile = stored.inputFile;
  if (stored.kind === 'library') doc.kind = 'library';
  if (isObject(stored.limits)) {
    const limits = { memoryMiB: stored.limits.memoryMiB, bytesPerSecond: stored.limits.bytesPerSecond ?? null } as FunctionLimits;
    if (checkLimits(limits) === null) doc.limits = limits;
  }
  return doc.sources[doc.language] === undefined ? null : doc;
}

function readJson(key: string): Stored | null {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(key) ?? 'null');
    return isObject(value) ? value : null;
  } catch {
    return null;
  }
}

/** Version 1 (one function, `demo/hello`) becomes the first-start workspace with its hello. */
function migrateV1(v1: Stored): Workspace {
  const workspace = firstStart();
  const hello = workspace.functions[HELLO_KEY]!;
  if (isLanguage(v1.language)) hello.language = v1.language;
  readSources(v1.sources, hello.sources);
  if (typeof v1.input === 'string') hello.input = v1.input;
  readSettings(v1, workspace);
  return workspace;
}

function readSettings(stored: Stored, into: Workspace): void {
  if (typeof stored.cpuTimeLimitMs === 'number' && stored.cpuTimeLimitMs > 0) into.cpuTimeLimitMs = stored.cpuTimeLimitMs;
  if (stored.theme === 'light' || stored.theme === 'dark') into.theme = stored.theme;
  if (isObject(stored.cluster)) {
    if (wholeIn(stored.cluster.hosts, 1, 8)) into.cluster.hosts = stored.cluster.hosts;
    if (wholeIn(stored.cluster.slotsPerHost, 1, 64)) into.cluster.slotsPerHost = stored.cluster.slotsPerHost;
  }
}

const revisions = (stored: unknown): Record<string, number> =>
  isObject(stored) ? Object.fromEntries(Object.entries(stored).filter((e): e is [string, number] => wholeIn(e[1], 0, Number.MAX_SAFE_INTEGER))) : {};

/** The functions stored now, with their revisions: what this tab merges its saves with. */
export function readStoredFunctions(): StoredFunctions {
  const stored = readJson(STORAGE_KEY);
  const functions: Record<string, FunctionDoc> = {};
  if (stored && isObject(stored.functions)) {
    for (const [key, value] of Object.entries(stored.functions)) {
      const doc = readFunction(key, value);
      if (doc) functions[key] = doc;
    }
  }
  return { functions, revs: revisions(stored?.revs), deleted: revisions(stored?.deleted) };
}

/** What loadWorkspace read, so the first save merges against exactly that. */
let loaded: StoredFunctions = { functions: {}, revs: {}, deleted: {} };
export const loadedFunctions = (): StoredFunctions => loaded;

/** Stored data may come from an older version or be hand-edited: take only what checks out. */
export function loadWorkspace(): Workspace {
  const stored = readJson(STORAGE_KEY);
  if (!stored) {
    const v1 = readJson(V1_STORAGE_KEY);
    const start = v1 ? migrateV1(v1) : firstStart();
    // Revision 0: every tab starting now starts from the same functions, so none of them is an edit.
    loaded = { functions: start.functions, revs: Object.fromEntries(Object.keys(start.functions).map((k) => [k, 0])), deleted: {} };
    return start;
  }
  const workspace = firstStart();
  loaded = readStoredFunctions();
  // An empty workspace has nothing to edit: start over with hello.
  workspace.functions = Object.keys(loaded.functions).length ? { ...loaded.functions } : { [HELLO_KEY]: helloDoc() };
  const current = typeof stored.current === 'string' ? stored.current : '';
  workspace.current = workspace.functions[current] ? current : Object.keys(workspace.functions)[0]!;
  readSettings(stored, workspace);
  return workspace;
}

/** Inputs larger than this are the first thing left out when the browser's storage is full. */
const SPARED_INPUT_BYTES = 64 * 1024;

export interface WriteResult {
  /** Why nothing was written (quota, private mode), or null. */
  refused: string | null;
  /** Functions whose large input was left out so that the code could be saved. */
  inputsLeftOut: string[];
}

function store(workspace: Workspace, stored: StoredFunctions): void {
  const text = JSON.stringify({ ...workspace, functions: stored.functions, revs: stored.revs, deleted: stored.deleted });
  // The same text again would be no change, and other tabs hear of no change.
  if (localStorage.getItem(STORAGE_KEY) !== text) localStorage.setItem(STORAGE_KEY, text);
}

const reason = (error: unknown) =>
  error instanceof DOMException && error.name === 'QuotaExceededError'
    ? "the browser's storage for this page is full"
    : `the browser refused to store it (${error instanceof Error ? error.message : String(error)})`;

/** Writes the workspace; when the storage is full, again without large inputs, so code is never lost for an input. */
export function writeWorkspace(workspace: Workspace, stored: StoredFunctions): WriteResult {
  try {
    store(workspace, stored);
    return { refused: null, inputsLeftOut: [] };
  } catch (error) {
    const large = Object.keys(stored.functions).filter((key) => utf8Bytes(stored.functions[key]!.input) > SPARED_INPUT_BYTES);
    if (!large.length) return { refused: reason(error), inputsLeftOut: [] };
    const functions = { ...stored.functions };
    for (const key of large) functions[key] = { ...functions[key]!, input: '' };
    try {
      store(workspace, { ...stored, functions });
      return { refused: null, inputsLeftOut: large };
    } catch (again) {
      return { refused: reason(again), inputsLeftOut: [] };
    }
  }
}
