/**
 * Monaco, bundled from the local package (the page is cross-origin isolated: no CDN).
 * Only the editor core, a few editing features and the C/C++ grammar are loaded, with the
 * Faasm API's completion, hover and signature help (api/).
 */
import * as monaco from 'monaco-editor/editor/editor.api';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import 'monaco-editor/languages/definitions/cpp/register';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/folding/register';
import 'monaco-editor/features/gotoError/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/linesOperations/register';
import 'monaco-editor/features/multicursor/register';
import 'monaco-editor/features/parameterHints/register';
import 'monaco-editor/features/readOnlyMessage/register';
import 'monaco-editor/features/suggest/register';
// Ctrl+M (⌃⇧M on a Mac): Tab moves focus out of the editor instead of indenting.
import 'monaco-editor/features/toggleTabFocusMode/register';
// features/suggest registers only inline completions; the completion list is its controller.
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/features/wordHighlighter/register';
import type { Language } from '../../runtime';
import { LANGUAGES } from '../examples';
import { registerApiProviders } from './api/providers';
import { watConfiguration, watLanguage } from './wat';

self.MonacoEnvironment = { getWorker: () => new EditorWorker() };

monaco.languages.register({ id: 'wat', extensions: ['.wat'], aliases: ['WebAssembly text', 'wat'] });
monaco.languages.setMonarchTokensProvider('wat', watLanguage);
monaco.languages.setLanguageConfiguration('wat', watConfiguration);
registerApiProviders(monaco);

/** A function's source in one language: which model it is. */
export interface ModelId {
  key: string;
  language: Language;
}

const models = new Map<string, { id: ModelId; model: monaco.editor.ITextModel }>();

/** One model per function and language, so each keeps its own text, undo history and markers. */
export function modelFor(id: ModelId, initialSource: string): monaco.editor.ITextModel {
  const info = LANGUAGES.find((l) => l.id === id.language)!;
  const path = `${id.key}.${info.extension}`;
  let entry = models.get(path);
  if (!entry) {
    entry = { id, model: monaco.editor.createModel(initialSource, info.monacoId, monaco.Uri.parse(`file:///${path}`)) };
    models.set(path, entry);
  }
  return entry.model;
}

export function modelId(model: monaco.editor.ITextModel | null): ModelId | undefined {
  return model ? models.get(model.uri.path.slice(1))?.id : undefined;
}

export function allModels(): Iterable<{ id: ModelId; model: monaco.editor.ITextModel }> {
  return models.values();
}

/** Disposes the models of functions that are gone (deleted or renamed). */
export function pruneModels(keys: ReadonlySet<string>): void {
  for (const [path, { id, model }] of models) {
    if (keys.has(id.key)) continue;
    model.dispose();
    models.delete(path);
  }
}

export { monaco };
