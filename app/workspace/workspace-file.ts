/**
 * The workspace as a file: every function's sources and input plus the settings, as JSON.
 * A file is checked whole before anything is used, so a bad one changes nothing and says why.
 */
import type { Language } from '../../runtime';
import { keyOf, parseKey, type FunctionDoc, type Workspace } from '../store/workspace';

const FORMAT = 'faaslet-playground.workspace';
const VERSION = 1;
/** Bigger than any workspace of hand-written code; a bigger file is not one of ours. */
export const MAX_WORKSPACE_FILE_BYTES = 5 * 1024 * 1024;

export function workspaceFile(workspace: Workspace, exportedAt = new Date()): string {
  const { functions, current, cpuTimeLimitMs, theme, cluster } = workspace;
  const file = { format: FORMAT, version: VERSION, exportedAt: exportedAt.toISOString(), current, cpuTimeLimitMs, theme, cluster, functions };
  return `${JSON.stringify(file, null, 2)}\n`;
}

export type WorkspaceRead = { ok: true; workspace: Workspace } | { ok: false; error: string };

class Invalid extends Error {}

type Obj = Partial<Record<string, unknown>>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isLanguage = (v: unknown): v is Language => v === 'c' || v === 'cpp' || v === 'wat';

function wholeIn(value: unknown, min: number, max: number, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new Invalid(`${what} must be a whole number from ${min} to ${max}.`);
  }
  return value;
}

function readFunction(key: string, value: unknown): FunctionDoc {
  const where = `Function "${key}"`;
  const parsed = parseKey(key);
  if (!parsed || keyOf(parsed) !== key) throw new Invalid(`${where}: a name must be user/function, letters, digits, _ and - only.`);
  if (!isObject(value)) throw new Invalid(`${where} is not an object.`);
  if (value.user !== parsed.user || value.name !== parsed.name) throw new Invalid(`${where}: its user and name do not match its key.`);
  if (!isLanguage(value.language)) throw new Invalid(`${where}: language must be c, cpp or wat.`);
  if (!isObject(value.sources)) throw new Invalid(`${where} has no sources.`);
  const sources: FunctionDoc['sources'] = {};
  for (const [language, source] of Object.entries(value.sources)) {
    if (!isLanguage(language) || typeof source !== 'string') throw new Invalid(`${where}: sources.${language} is not a c, cpp or wat text.`);
    sources[language] = source;
  }
  if (sources[value.language] === undefined) throw new Invalid(`${where} has no ${value.language} source.`);
  if (typeof value.input !== 'string') throw new Invalid(`${where}: input must be text.`);
  if (value.cmdline !== undefined && typeof value.cmdline !== 'string') throw new Invalid(`${where}: cmdline must be text.`);
  if (value.kind !== undefined && value.kind !== 'function' && value.kind !== 'library') throw new Invalid(`${where}: kind must be function or library.`);
  if (value.inputFile !== undefined && typeof value.inputFile !== 'string') throw new Invalid(`${where}: inputFile must be a path.`);
  if (value.inputFormat !== undefined && value.inputFormat !== 'hex') throw new Invalid(`${where}: inputFormat must be hex, or absent for text.`);
  const doc: FunctionDoc = {
    ...parsed,
    language: value.language,
    sources,
    input: value.input,
    ...(value.inputFormat === 'hex' ? { inputFormat: 'hex' as const } : {}),
    ...(typeof value.inputFile === 'string' ? { inputFile: value.inputFile } : {}),
    ...(value.cmdline ? { cmdline: value.cmdline } : {}),
  };
  return value.kind === 'library' ? { ...doc, kind: 'library' } : doc;
}

function readWorkspace(file: unknown): Workspace {
  if (!isObject(file) || file.format !== FORMAT) throw new Invalid('This is not a Faaslet Playground workspace file.');
  if (file.version !== VERSION) throw new Invalid(`The file is version ${String(file.version)}; this playground reads version ${VERSION}.`);
  if (!isObject(file.functions)) throw new Invalid('The file has no functions.');
  const functions: Record<string, FunctionDoc> = {};
  for (const [key, value] of Object.entries(file.functions)) functions[key] = readFunction(key, value);
  const keys = Object.keys(functions);
  if (keys.length === 0) throw new Invalid('The file has no functions: a workspace needs at least one.');
  if (typeof file.current !== 'string' || !functions[file.current]) throw new Invalid('"current" must name one of the file\'s functions.');
  if (file.theme !== 'dark' && file.theme !== 'light') throw new Invalid('"theme" must be dark or light.');
  if (!isObject(file.cluster)) throw new Invalid('The file has no cluster size.');
  return {
    functions,
    current: file.current,
    cpuTimeLimitMs: wholeIn(file.cpuTimeLimitMs, 1, 3_600_000, '"cpuTimeLimitMs"'),
    theme: file.theme,
    cluster: { hosts: wholeIn(file.cluster.hosts, 1, 8, 'cluster.hosts'), slotsPerHost: wholeIn(file.cluster.slotsPerHost, 1, 64, 'cluster.slotsPerHost') },
  };
}

export function parseWorkspaceFile(text: string): WorkspaceRead {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `The file is not valid JSON (${(e as Error).message}).` };
  }
  try {
    return { ok: true, workspace: readWorkspace(json) };
  } catch (e) {
    if (e instanceof Invalid) return { ok: false, error: e.message };
    throw e;
  }
}
