/**
 * Turns clang, wasm-ld and wabt stderr into Diagnostic[] (runtime/api.ts).
 * Lines that are not diagnostics (carets, source excerpts, "In file included
 * from", "1 error generated.") are skipped; they stay in the build log.
 */
import type { Diagnostic, Severity } from '../api';

export interface ParseOptions {
  /** The user's file ('function.c', 'function.cpp', 'function.wat'). */
  userFile: string;
  /** Strip this from header paths, e.g. 'faasm-sysroot/include/' → 'faasm/core.h'. */
  stripPrefix?: string;
}

// file:line:col: severity: message   (clang and wabt; clang says "fatal error")
const LOCATED = /^(.+?):(\d+):(\d+): (fatal error|error|warning|note): (.*)$/;
// tool: severity: message   (clang driver, wasm-ld: no location)
const TOOL = /^(?:[\w./-]*\/)?(clang\+\+|clang|wasm-ld|ld|lld|wasm-ld\.lld): (error|warning|note): (.*)$/;

function severityOf(word: string): Severity {
  if (word === 'warning' || word === 'note') return word;
  return 'error';
}

export function parseDiagnostics(stderr: string, options: ParseOptions): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const raw of stderr.split(/\r?\n/)) {
    const line = raw.trimEnd();
    const located = LOCATED.exec(line);
    if (located) {
      const [, file = '', ln = '1', col = '1', sev = 'error', message = ''] = located;
      out.push({
        file: cleanFile(file, options),
        line: Number(ln),
        column: Number(col),
        severity: severityOf(sev),
        message,
      });
      continue;
    }
    const tool = TOOL.exec(line);
    if (tool) {
      const [, , sev = 'error', message = ''] = tool;
      // No location: pin it to the user's file so the UI shows it (line 1 unless refined).
      out.push({ file: options.userFile, line: 1, column: 1, severity: severityOf(sev), message });
    }
  }
  return out;
}

function cleanFile(file: string, options: ParseOptions): string {
  let f = file.startsWith('./') ? file.slice(2) : file;
  if (f.startsWith('/')) f = f.slice(1);
  if (options.stripPrefix && f.startsWith(options.stripPrefix)) f = f.slice(options.stripPrefix.length);
  return f;
}

/**
 * wasm-ld reports undefined symbols without a line; point at the first use of
 * the symbol in the source when it can be found.
 */
export function locateLinkerDiagnostics(diags: Diagnostic[], source: string, userFile: string): Diagnostic[] {
  const lines = source.split('\n');
  return diags.map((d) => {
    if (d.file !== userFile || d.line !== 1 || d.column !== 1) return d;
    const m = /undefined symbol: ([A-Za-z_][\w:]*)/.exec(d.message);
    if (!m || !m[1]) return d;
    const name = m[1].split('::').pop() ?? m[1];
    const re = new RegExp(`\\b${name}\\s*\\(`);
    for (let i = 0; i < lines.length; i++) {
      const hit = re.exec(lines[i] ?? '');
      if (hit) return { ...d, line: i + 1, column: hit.index + 1 };
    }
    return d;
  });
}
