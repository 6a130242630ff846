/**
 * Share links: a set of functions (each with its name, language, source, input and command
 * line) compressed into the URL hash with lz-string, so a link carries the code itself and
 * needs no server. Links of version 1, one function each, still open.
 */
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import type { FunctionKind, Language } from '../../runtime';
import { parseKey } from './function-key';
import { formatSize } from './bytes';
import { MAX_INPUT_BYTES, MAX_LINK_CHARS, MAX_LINK_SOURCE_BYTES, utf8Bytes } from './input-limits';

/** One function in a share link. */
export interface SharedFunction {
  user: string;
  name: string;
  language: Language;
  source: string;
  input: string;
  /** Absent: the input is text (lib/call-input.ts). */
  inputFormat?: 'hex';
  /** The command line (Faasm's `cmdline`); absent: none (links from before it carry none). */
  cmdline?: string;
  /** Absent: a function (links from before libraries carry none). */
  kind?: FunctionKind;
}

/** What a link carries: a set of functions, and the one to show first. */
export interface SharedSet {
  functions: SharedFunction[];
  /** `user/name` of the function to select; one of `functions`. */
  current: string;
}

const PREFIX = '#share=';
/** Version 1 carried one function; version 2 carries a set. Both open. */
const VERSION = 2;

const sum = (fns: readonly Pick<SharedFunction, 'source' | 'input'>[], part: 'source' | 'input') =>
  fns.reduce((bytes, f) => bytes + utf8Bytes(f[part]), 0);

/** Why these functions cannot travel in a link (their code or inputs together are past the stated maximum), or null. */
export function shareRefusal(fns: readonly Pick<SharedFunction, 'source' | 'input'>[]): string | null {
  const [sourceBytes, inputBytes] = [sum(fns, 'source'), sum(fns, 'input')];
  if (sourceBytes > MAX_LINK_SOURCE_BYTES) {
    return `No link made: the source is ${formatSize(sourceBytes)}, and a link carries at most ${formatSize(MAX_LINK_SOURCE_BYTES)} of code. Save a workspace file instead.`;
  }
  if (inputBytes > MAX_INPUT_BYTES) {
    return `No link made: the input is ${formatSize(inputBytes)}, and a link carries at most ${formatSize(MAX_INPUT_BYTES)}.`;
  }
  return null;
}

const fields = ({ user, name, language, source, input, inputFormat, cmdline, kind }: SharedFunction) => ({ user, name, language, source, input, inputFormat, cmdline, kind });

/** The hash (with its `#`) that carries the functions. */
export function shareHash({ functions, current }: SharedSet): string {
  return PREFIX + compressToEncodedURIComponent(JSON.stringify({ v: VERSION, current, functions: functions.map(fields) }));
}

export type ShareRead = { ok: true; shared: SharedSet } | { ok: false; error: string };

/** One function as a link carries it, or null when it is not one. */
function readFunction(value: unknown): SharedFunction | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Partial<Record<keyof SharedFunction, unknown>>;
  const key = typeof v.user === 'string' && typeof v.name === 'string' ? parseKey(`${v.user}/${v.name}`) : null;
  const language = v.language === 'c' || v.language === 'cpp' || v.language === 'wat' ? v.language : null;
  if (!key || !language || typeof v.source !== 'string' || typeof v.input !== 'string') return null;
  if (v.cmdline !== undefined && v.cmdline !== null && typeof v.cmdline !== 'string') return null;
  const cmdline = v.cmdline ? { cmdline: v.cmdline } : {};
  if (v.inputFormat !== undefined && v.inputFormat !== null && v.inputFormat !== 'hex') return null;
  const format = v.inputFormat === 'hex' ? { inputFormat: 'hex' as const } : {};
  return { ...key, language, source: v.source, input: v.input, ...format, ...cmdline, ...(v.kind === 'library' ? { kind: 'library' as const } : {}) };
}

/** null when the hash is not a share link at all; an error when it is one that cannot be read. */
export function readShareHash(hash: string): ShareRead | null {
  if (!hash.startsWith(PREFIX)) return null;
  const broken = { ok: false, error: 'The shared link is damaged (cut short when copied?): no code was opened.' } as const;
  const tooLarge = (what: string) =>
    ({ ok: false, error: `The shared link was not opened: it carries ${what}. Links carry at most ${formatSize(MAX_LINK_SOURCE_BYTES)} of code and ${formatSize(MAX_INPUT_BYTES)} of input; your workspace was left as it is.` }) as const;
  if (hash.length - PREFIX.length > MAX_LINK_CHARS) return tooLarge(`${formatSize(hash.length)} of compressed text`);
  let value: unknown;
  try {
    const text = decompressFromEncodedURIComponent(hash.slice(PREFIX.length));
    // Both parts at their maximum, with room for the JSON around them; far more is refused unparsed.
    if (text && text.length > MAX_LINK_SOURCE_BYTES + MAX_INPUT_BYTES + 65536) return tooLarge(`${formatSize(text.length)} of text`);
    value = JSON.parse(text || 'null');
  } catch {
    return broken;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return broken;
  const v = value as Partial<Record<'v' | 'functions' | 'current', unknown>>;
  let shared: SharedSet;
  if (v.v === 1) {
    const fn = readFunction(value);
    if (!fn) return broken;
    shared = { functions: [fn], current: `${fn.user}/${fn.name}` };
  } else if (v.v === VERSION) {
    if (!Array.isArray(v.functions) || v.functions.length === 0 || typeof v.current !== 'string') return broken;
    const functions = v.functions.map(readFunction);
    if (functions.some((f) => f === null)) return broken;
    shared = { functions: functions as SharedFunction[], current: v.current };
    if (!shared.functions.some((f) => `${f.user}/${f.name}` === shared.current)) return broken;
    if (new Set(shared.functions.map((f) => `${f.user}/${f.name}`)).size !== shared.functions.length) return broken;
  } else {
    return { ok: false, error: 'The shared link comes from another version of the playground: no code was opened.' };
  }
  if (shareRefusal(shared.functions)) {
    return tooLarge(`${formatSize(sum(shared.functions, 'source'))} of code and ${formatSize(sum(shared.functions, 'input'))} of input`);
  }
  return { ok: true, shared };
}

const MAX_NAME = 64;

/** `name`, or the first of `name_2`, `name_3`, … that `taken` does not hold (within the 64-character limit). */
export function freeName(user: string, name: string, taken: (key: string) => boolean): string {
  if (!taken(`${user}/${name}`)) return name;
  for (let n = 2; ; n++) {
    const suffix = `_${n}`;
    const candidate = name.slice(0, MAX_NAME - suffix.length) + suffix;
    if (!taken(`${user}/${candidate}`)) return candidate;
  }
}
