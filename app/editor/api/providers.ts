/** Monaco completion, hover and signature help for C and C++ from the API list (index.ts). */
import type * as Monaco from 'monaco-editor/editor/editor.api';
import { API, documentation, entriesNamed, type ApiEntry } from './index';

type MonacoApi = typeof Monaco;

/** One completion per name: the first declaration (overloads show in signature help). */
function unique(): ApiEntry[] {
  const first = new Map<string, ApiEntry>();
  for (const e of API) if (!first.has(e.name)) first.set(e.name, e);
  return [...first.values()];
}

function completionKind(monaco: MonacoApi, e: ApiEntry): Monaco.languages.CompletionItemKind {
  const k = monaco.languages.CompletionItemKind;
  return e.kind === 'function' ? k.Function : e.kind === 'macro' ? k.Constant : k.Struct;
}

/** `std::string` is one word to Monaco's C++ grammar only after `std::`; match what is typed. */
function wordBefore(model: Monaco.editor.ITextModel, position: Monaco.Position): string {
  const line = model.getLineContent(position.lineNumber).slice(0, position.column - 1);
  return /[A-Za-z_][\w:]*$/.exec(line)?.[0] ?? '';
}

/** The function whose argument list the cursor is in, and which argument. */
function callAt(text: string): { name: string; argument: number } | null {
  let depth = 0;
  let argument = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    const ch = text[i];
    if (ch === ')') depth++;
    else if (ch === '(') {
      if (depth === 0) {
        const name = /([A-Za-z_][\w:]*)\s*$/.exec(text.slice(0, i))?.[1];
        return name ? { name, argument } : null;
      }
      depth--;
    } else if (ch === ',' && depth === 0) argument++;
    else if (ch === ';' || ch === '{' || ch === '}') return null;
  }
  return null;
}

export function registerApiProviders(monaco: MonacoApi): void {
  const items = unique();
  for (const language of ['c', 'cpp']) {
    const forLanguage = items.filter((e) => language === 'cpp' || !e.name.includes('::'));
    monaco.languages.registerCompletionItemProvider(language, {
      triggerCharacters: [':'],
      provideCompletionItems(model, position) {
        const typed = wordBefore(model, position);
        const range = new monaco.Range(position.lineNumber, position.column - typed.length, position.lineNumber, position.column);
        return {
          suggestions: forLanguage.map((e) => ({
            label: { label: e.name, description: e.header },
            kind: completionKind(monaco, e),
            detail: e.signature,
            documentation: { value: documentation(e) },
            insertText: e.name,
            range,
          })),
        };
      },
    });
    monaco.languages.registerHoverProvider(language, {
      provideHover(model, position) {
        const word = model.getWordAtPosition(position);
        if (!word) return null;
        const line = model.getLineContent(position.lineNumber);
        const qualified = /([A-Za-z_][\w:]*)$/.exec(line.slice(0, word.endColumn - 1))?.[1] ?? word.word;
        const found = entriesNamed(qualified).length ? entriesNamed(qualified) : entriesNamed(word.word);
        if (!found.length) return null;
        return {
          range: new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn),
          contents: [
            { value: found.map((e) => `\`\`\`${language}\n${e.signature}\n\`\`\``).join('\n') },
            { value: documentation(found[0]!) },
          ],
        };
      },
    });
    monaco.languages.registerSignatureHelpProvider(language, {
      signatureHelpTriggerCharacters: ['(', ','],
      signatureHelpRetriggerCharacters: [','],
      provideSignatureHelp(model, position) {
        const before = model.getValueInRange(new monaco.Range(Math.max(1, position.lineNumber - 20), 1, position.lineNumber, position.column));
        const call = callAt(before);
        const found = call ? entriesNamed(call.name).filter((e) => e.kind !== 'type') : [];
        if (!call || !found.length) return null;
        return {
          value: {
            signatures: found.map((e) => ({
              label: e.signature,
              documentation: { value: documentation(e) },
              parameters: e.params.map((p) => ({ label: p })),
            })),
            activeSignature: 0,
            activeParameter: call.argument,
          },
          dispose: () => undefined,
        };
      },
    });
  }
}
