/**
 * Monaco, bundled from the local package (the page is cross-origin isolated: no CDN).
 * Only the editor core, a few editing features and the C/C++ grammar are loaded.
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
import 'monaco-editor/features/wordHighlighter/register';
import type { Language } from '../../runtime';
import { FUNCTION_NAME, FUNCTION_USER, LANGUAGES } from '../examples';
import { watConfiguration, watLanguage } from './wat';

self.MonacoEnvironment = { getWorker: () => new EditorWorker() };

monaco.languages.register({ id: 'wat', extensions: ['.wat'], aliases: ['WebAssembly text', 'wat'] });
monaco.languages.setMonarchTokensProvider('wat', watLanguage);
monaco.languages.setLanguageConfiguration('wat', watConfiguration);

const models = new Map<Language, monaco.editor.ITextModel>();

/** One model per language, so each keeps its own text, undo history and markers. */
export function modelFor(language: Language, initialSource: string): monaco.editor.ITextModel {
  let model = models.get(language);
  if (!model) {
    const info = LANGUAGES.find((l) => l.id === language)!;
    const uri = monaco.Uri.parse(`file:///${FUNCTION_USER}/${FUNCTION_NAME}.${info.extension}`);
    model = monaco.editor.createModel(initialSource, info.monacoId, uri);
    models.set(language, model);
  }
  return model;
}

export function allModels(): ReadonlyMap<Language, monaco.editor.ITextModel> {
  return models;
}

export { monaco };
