import { useEffect, useRef } from 'react';
import type { Language } from '../../runtime';
import { toMarkers } from '../editor/markers';
import { allModels, modelFor, monaco } from '../editor/monaco';
import { usePlayground } from '../store/playground';
import './CodeEditor.css';

const MARKER_OWNER = 'faasm-build';

function languageOf(model: monaco.editor.ITextModel | null): Language | undefined {
  for (const [language, m] of allModels()) if (m === model) return language;
  return undefined;
}

const currentModel = (language: Language) => modelFor(language, usePlayground.getState().sources[language]);

/** The Monaco editor: one model per language, diagnostics as markers, jumps from Problems. */
export function CodeEditor() {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const language = usePlayground((s) => s.language);
  const theme = usePlayground((s) => s.theme);
  const build = usePlayground((s) => s.build);
  const cursorRequest = usePlayground((s) => s.cursorRequest);

  useEffect(() => {
    const { language: initial, theme: initialTheme } = usePlayground.getState();
    const editor = monaco.editor.create(host.current!, {
      model: currentModel(initial),
      theme: initialTheme === 'dark' ? 'vs-dark' : 'vs',
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      scrollBeyondLastLine: false,
      fixedOverflowWidgets: true,
      renderLineHighlight: 'line',
    });
    const subscription = editor.onDidChangeModelContent(() => {
      const model = editor.getModel();
      const lang = languageOf(model);
      if (model && lang) usePlayground.getState().setSource(lang, model.getValue());
    });
    editorRef.current = editor;
    return () => {
      subscription.dispose();
      editor.dispose();
      editorRef.current = null;
    };
  }, []);

  useEffect(() => {
    editorRef.current?.setModel(currentModel(language));
  }, [language]);

  useEffect(() => {
    monaco.editor.setTheme(theme === 'dark' ? 'vs-dark' : 'vs');
  }, [theme]);

  useEffect(() => {
    for (const [lang, model] of allModels()) {
      const diagnostics = lang === build.language ? (build.report?.diagnostics ?? []) : [];
      monaco.editor.setModelMarkers(model, MARKER_OWNER, toMarkers(diagnostics, model));
    }
  }, [build]);

  useEffect(() => {
    const editor = editorRef.current;
    if (!editor || !cursorRequest) return;
    const position = { lineNumber: cursorRequest.line, column: Math.max(cursorRequest.column, 1) };
    editor.setPosition(position);
    editor.revealPositionInCenter(position);
    editor.focus();
  }, [cursorRequest]);

  return <div className="code-editor" data-testid="editor" ref={host} />;
}
