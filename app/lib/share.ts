/**
 * Share links: one function (name, language, source, input) compressed into the URL hash with
 * lz-string, so a link carries the code itself and needs no server.
 */
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import type { FunctionKind, Language } from '../../runtime';
import { parseKey } from '../store/workspace';
import { formatSize } from './bytes';
import { MAX_INPUT_BYTES, MAX_LINK_CHARS, MAX_LINK_SOURCE_BYTES, utf8Bytes } from './input-limits';

/** What a share link carries. */
export interface SharedFunction {
  user: string;
  name: string;
  language: Language;
  source: string;
  input: string;
  /** The command line (Faasm's `cmdline`); absent: none (links from before it carry none). */
  cmdline?: string;
  /** Absent: a function (links from before libraries carry none). */
  kind?: FunctionKind;
}

const PREFIX = '#share=';
const VERSION = 1;

/** Why this function cannot travel in a link (its source or input is past the stated maximum), or null. */
export function shareRefusal({ source, input }: Pick<SharedFunction, 'source' | 'input'>): string | null {
  const [sourceBytes, inputBytes] = [utf8Bytes(source), utf8Bytes(input)];
  if (sourceBytes > MAX_LINK_SOURCE_BYTES) {
    return `No link made: the source is ${formatSize(sourceBytes)}, and a link carries at most ${formatSize(MAX_LINK_SOURCE_BYTES)} of code. Save a workspace file instead.`;
  }
  if (inputBytes > MAX_INPUT_BYTES) {
    return `No link made: the input is ${formatSize(inputBytes)}, and a link carries at most ${formatSize(MAX_INPUT_BYTES)}.`;
  }
  return null;
}

/** The hash (with its `#`) that carries the function. */
export function shareHash(fn: SharedFunction): string {
  const { user, name, language, source, input, cmdline, kind } = fn;
  return PREFIX + compressToEncodedURIComponent(JSON.stringify({ v: VERSION, user, name, language, source, input, cmdline, kind }));
}

export type ShareRead = { ok: true; fn: SharedFunction } | { ok: false; error: string };

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
    if (text && text.length > MAX_LINK_SOURCE_BYTES + MAX_INPUT_BYTES + 4096) return tooLarge(`${formatSize(text.length)} of text`);
    value = JSON.parse(text || 'null');
  } catch {
    return broken;
  }
  if (typeof value !== 'object' || value === null) return broken;
  const v = value as Partial<Record<keyof SharedFunction | 'v', unknown>>;
  if (v.v !== VERSION) return { ok: false, error: 'The shared link comes from another version of the playground: no code was opened.' };
  const key = typeof v.user === 'string' && typeof v.name === 'string' ? parseKey(`${v.user}/${v.name}`) : null;
  const language = v.language === 'c' || v.language === 'cpp' || v.language === 'wat' ? v.language : null;
  if (!key || !language || typeof v.source !== 'string' || typeof v.input !== 'string') return broken;
  if (shareRefusal({ source: v.source, input: v.input })) {
    return tooLarge(`${formatSize(utf8Bytes(v.source))} of code and ${formatSize(utf8Bytes(v.input))} of input`);
  }
  if (v.cmdline !== undefined && typeof v.cmdline !== 'string') return broken;
  const cmdline = v.cmdline ? { cmdline: v.cmdline } : {};
  return { ok: true, fn: { ...key, language, source: v.source, input: v.input, ...cmdline, ...(v.kind === 'library' ? { kind: 'library' as const } : {}) } };
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
