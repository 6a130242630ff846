/** A small Monarch grammar for the WebAssembly text format. */
import type { languages } from 'monaco-editor/editor/editor.api';

export const watLanguage: languages.IMonarchLanguage = {
  defaultToken: '',
  keywords: [
    'module', 'func', 'param', 'result', 'local', 'global', 'memory', 'table', 'elem', 'data',
    'type', 'import', 'export', 'start', 'mut', 'offset', 'item', 'declare', 'shared',
    'block', 'loop', 'if', 'then', 'else', 'end', 'br', 'br_if', 'br_table', 'return', 'call',
    'call_indirect', 'drop', 'select', 'unreachable', 'nop',
  ],
  types: ['i32', 'i64', 'f32', 'f64', 'v128', 'funcref', 'externref', 'anyref'],
  tokenizer: {
    root: [
      [/;;.*$/, 'comment'],
      [/\(;/, 'comment', '@blockComment'],
      [/"/, 'string', '@string'],
      [/\$[\w.+\-*/\\^~=<>!?@#$%&|:'`]+/, 'variable'],
      // Instructions such as i32.add or memory.grow.
      [/[a-z][a-z0-9_]*\.[a-z0-9_.=]+/, 'keyword.instruction'],
      [/[a-z_][a-z0-9_]*/, { cases: { '@types': 'type', '@keywords': 'keyword', '@default': 'identifier' } }],
      [/[+-]?(0x[0-9a-fA-F_]+|[0-9][0-9_]*(\.[0-9_]*)?([eE][+-]?[0-9_]+)?|inf|nan)/, 'number'],
      [/[()]/, '@brackets'],
    ],
    blockComment: [
      [/\(;/, 'comment', '@push'],
      [/;\)/, 'comment', '@pop'],
      [/[^(;]+/, 'comment'],
      [/[(;]/, 'comment'],
    ],
    string: [
      [/\\./, 'string.escape'],
      [/"/, 'string', '@pop'],
      [/[^\\"]+/, 'string'],
    ],
  },
};

export const watConfiguration: languages.LanguageConfiguration = {
  comments: { lineComment: ';;', blockComment: ['(;', ';)'] },
  brackets: [['(', ')']],
  autoClosingPairs: [
    { open: '(', close: ')' },
    { open: '"', close: '"' },
  ],
};
