/** The module vite-plugin.ts generates from the Faasm headers. */
declare module 'virtual:faasm-api' {
  import type { ApiEntry } from './parse-headers';
  export const entries: ApiEntry[];
  /** Each header's text, keyed as included (`faasm/core.h`). */
  export const headers: Record<string, string>;
}
