/**
 * The Faasm API in the editor: every function, macro and type of the Faasm headers (generated
 * from their doc comments at build time, vite-plugin.ts) and the common libc/libc++ names
 * (libc.ts), as one list that completion, hover, signature help and the API reference share.
 */
import { entries as headerEntries, headers } from 'virtual:faasm-api';
import { LIBC_ENTRIES } from './libc';
import type { ApiEntry } from './parse-headers';

export type { ApiEntry };

/** Faasm's own first, then the C and C++ libraries. */
export const API: readonly ApiEntry[] = [...headerEntries, ...LIBC_ENTRIES];

/** The Faasm headers' text, keyed as included (`faasm/core.h`). */
export const HEADERS: Readonly<Record<string, string>> = headers;

/** Every declaration of `name` (overloads give several). */
export const entriesNamed = (name: string): ApiEntry[] => API.filter((e) => e.name === name);

/** Markdown for a hover or a completion's details: the signature, where it is from, its doc. */
export function documentation(e: ApiEntry): string {
  const from = `*${e.header}*${e.group ? ` · ${e.group}` : ''}`;
  return [from, e.doc].filter(Boolean).join('\n\n');
}

/** Entries whose name, signature or doc contain every word of `query` (the API reference). */
export function searchApi(query: string): ApiEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return API.filter((e) => {
    const text = `${e.name} ${e.signature} ${e.doc} ${e.header} ${e.group}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}
