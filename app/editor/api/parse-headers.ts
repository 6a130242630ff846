/**
 * The header doc generator: reads C/C++ headers as written and lists their functions, macros
 * and types with the comment written right above each (the headers are the one source of the
 * API's documentation). A short comment with no sentence in it (`/* State *\/`) heads a group
 * rather than documenting one declaration. Pure: the Vite plugin (vite-plugin.ts) runs it at
 * build time; the editor and the API reference use its output.
 */

export type ApiKind = 'function' | 'macro' | 'type';

export interface ApiEntry {
  name: string;
  kind: ApiKind;
  /** The declaration on one line: `void faasmGetInput(uint8_t* buffer, long bufferLen)`. */
  signature: string;
  /** Parameters as declared, for signature help (functions and function-like macros). */
  params: string[];
  /** The comment right above it, without comment markers; '' when there is none. */
  doc: string;
  /** Where it is declared, as included: `faasm/core.h`. */
  header: string;
  /** The heading comment of its part of the header (`State`), or ''. */
  group: string;
}

const IDENT = /[A-Za-z_]\w*/;

/** Comment text without `/*`, `*\/`, leading `*` and `//`. */
function commentText(raw: string): string {
  const body = raw.startsWith('//') ? raw.replace(/^\s*\/\/ ?/gm, '') : raw.slice(2, -2);
  return body
    .split('\n')
    .map((l) => l.replace(/^\s*\*+/, '').trim())
    .join('\n')
    .trim();
}

/** A heading: a few words, no sentence punctuation. */
const isHeading = (text: string): boolean =>
  text.length > 0 && !/[.,;:()]/.test(text) && !text.includes('\n') && text.split(/\s+/).length <= 5;

const oneLine = (s: string): string => s.replace(/\s+/g, ' ').replace(/\(\s+/g, '(').replace(/\s+\)/g, ')').trim();

/** Splits a parameter list at top-level commas. */
function splitParams(list: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of list) {
    if (ch === '(' || ch === '<' || ch === '[') depth++;
    if (ch === ')' || ch === '>' || ch === ']') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim() && cur.trim() !== 'void') out.push(cur.trim());
  return out;
}

/** The index of the `)` closing the `(` at `open`. */
function closingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i;
  }
  return text.length;
}

function macroEntry(line: string): Omit<ApiEntry, 'doc' | 'header' | 'group'> | null {
  const m = /^#\s*define\s+([A-Za-z_]\w*)(\([^)]*\))?\s*([\s\S]*)$/.exec(line);
  if (!m) return null;
  const [, name, args, body] = m as unknown as [string, string, string | undefined, string];
  // An include guard defines a name and nothing else.
  if (!args && !body.trim()) return null;
  const params = args ? splitParams(args.slice(1, -1)) : [];
  return { name, kind: 'macro', signature: `#define ${name}${args ?? ''}`, params };
}

/** A declaration ended by `;` or an opening `{`: a function, a type, or nothing to list. */
function declarationEntry(stmt: string, opensBody: boolean): Omit<ApiEntry, 'doc' | 'header' | 'group'> | null {
  const text = oneLine(stmt.replace(/__attribute__\s*\(\(.*?\)\)\s*/g, ''));
  if (/^typedef\b/.test(text)) {
    const fnPtr = /\(\s*\*\s*([A-Za-z_]\w*)\s*\)/.exec(text);
    const name = fnPtr?.[1] ?? /([A-Za-z_]\w*)\s*$/.exec(text)?.[1];
    return name ? { name, kind: 'type', signature: text, params: [] } : null;
  }
  const tagged = /^(?:typedef\s+)?(struct|enum|union|class)\s+([A-Za-z_]\w*)\s*$/.exec(text);
  if (tagged && opensBody) return { name: tagged[2]!, kind: 'type', signature: `${tagged[1]} ${tagged[2]}`, params: [] };
  const open = text.indexOf('(');
  if (open <= 0) return null;
  const name = /([A-Za-z_][\w:]*)\s*$/.exec(text.slice(0, open))?.[1];
  if (!name || /^(if|while|for|switch|return|sizeof)$/.test(name)) return null;
  const close = closingParen(text, open);
  const signature = oneLine(text.slice(0, close + 1).replace(/^(?:extern|static|inline)\s+/g, ''));
  return { name, kind: 'function', signature, params: splitParams(text.slice(open + 1, close)) };
}

/** The declarations of one header, in order. `header` is its name as included (`faasm/core.h`). */
export function parseHeader(header: string, text: string): ApiEntry[] {
  const entries: ApiEntry[] = [];
  let doc = '';
  let group = '';
  let i = 0;
  const add = (e: Omit<ApiEntry, 'doc' | 'header' | 'group'> | null) => {
    if (e && !entries.some((x) => x.name === e.name && x.signature === e.signature)) entries.push({ ...e, doc, header, group });
    doc = '';
  };
  const skipBody = (from: number): number => {
    let depth = 0;
    for (let j = from; j < text.length; j++) {
      if (text[j] === '{') depth++;
      else if (text[j] === '}' && --depth === 0) return j + 1;
    }
    return text.length;
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      const ws = /^\s+/.exec(text.slice(i))![0];
      if ((ws.match(/\n/g) ?? []).length >= 2) doc = ''; // a blank line parts a comment from what follows
      i += ws.length;
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      const raw = text.slice(i, end < 0 ? text.length : end + 2);
      const t = commentText(raw);
      if (isHeading(t)) group = t;
      else doc = t;
      i += raw.length;
    } else if (text.startsWith('//', i)) {
      const raw = /^(?:[ \t]*\/\/[^\n]*\n?)+/.exec(text.slice(i))![0];
      const t = commentText(raw);
      if (isHeading(t)) group = t;
      else doc = t;
      i += raw.length;
    } else if (ch === '#') {
      const line = /^(?:[^\n]*\\\n)*[^\n]*/.exec(text.slice(i))![0];
      const e = macroEntry(line.replace(/\\\n/g, ' '));
      if (e) add(e);
      else doc = '';
      i += line.length;
    } else if (ch === '}' || ch === ';') {
      i++;
    } else {
      const m = /^[^;{]*/.exec(text.slice(i))![0];
      const end = i + m.length;
      const opens = text[end] === '{';
      const stmt = m.trim();
      if (opens && /^(extern\s+"C"|namespace\b)/.test(stmt)) {
        i = end + 1; // enter: its declarations are listed
        doc = '';
        continue;
      }
      add(declarationEntry(stmt.replace(/^template\s*<[^>]*>\s*/, ''), opens));
      i = opens ? skipBody(end) : end + 1;
    }
  }
  return entries.filter((e) => IDENT.test(e.name));
}
