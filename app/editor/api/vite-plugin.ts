/**
 * Build-time generator of the editor's API: `virtual:faasm-api` holds every declaration of the
 * Faasm headers (parse-headers.ts) and the headers' text, read from the sysroot when the page is
 * built, so a header added there is documented with no other change.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { parseHeader } from './parse-headers.ts';

const ID = 'virtual:faasm-api';
const RESOLVED = `\0${ID}`;
const HEADER_DIR = 'runtime/toolchain/sysroot/include/faasm';

export function faasmApiPlugin(root = process.cwd()): Plugin {
  const dir = resolve(root, HEADER_DIR);
  return {
    name: 'faasm-api',
    resolveId: (id) => (id === ID ? RESOLVED : null),
    load(id) {
      if (id !== RESOLVED) return null;
      this.addWatchFile(dir);
      const headers: Record<string, string> = {};
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.h')).sort()) {
        const path = resolve(dir, file);
        this.addWatchFile(path);
        headers[`faasm/${file}`] = readFileSync(path, 'utf8');
      }
      const entries = Object.entries(headers).flatMap(([name, text]) => parseHeader(name, text));
      return `export const entries = ${JSON.stringify(entries)};\nexport const headers = ${JSON.stringify(headers)};\n`;
    },
  };
}
