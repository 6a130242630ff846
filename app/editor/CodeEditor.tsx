import { useEffect, useRef } from 'react';
import { toMarkers } from './markers';
import { allModels, modelFor, modelId, monaco, pruneModels } from './monaco';
import { syncModels } from './sync';
import { usePlayground } from '../store/playground';
import { ApiReferenceButton } from './ApiReference';
import { sourceOf } from '../store/workspace';
import './CodeEditor.css';

const MARKER_OWNER = 'faasm-build';

// Monaco's own binding for tab-focus mode, in which Tab moves focus out of the editor.
const TAB_FOCUS_KEYS = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌃⇧M' : 'Ctrl+M';
const TAB_FOCUS_TEXT = `Tab leaves the editor: ${TAB_FOCUS_KEYS} switches Tab between indenting and moving focus`;

function currentModel(): monaco.editor.ITextModel {
  const { functions, current } = usePlayground.getState();
  const f = functions[current]!;
  return modelFor({ key: current, language: f.language }, sourceOf(f));
}

/**
 * The Monaco editor: one model per function and language, diagnostics as markers, jumps from
 * Problems, the Faasm API's completion and hover (editor/api), and the API reference.
 */
export function CodeEditor() {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const current = usePlayground((s) => s.current);
  const language = usePlayground((s) => s.functions[s.current]!.language);
  const functions = usePlayground((s) => s.functions);
  const theme = usePlayground((s) => s.theme);
  const build = usePlayground((s) => s.build);
  const cursorRequest = usePlayground((s) => s.cursorRequest);

  useEffect(() => {
    const editor = monaco.editor.create(host.current!, {
      model: currentModel(),
      theme: usePlayground.getState().theme === 'dark' ? 'vs-dark' : 'vs',
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: usePlayground.getState().largeText ? 18 : 13,
      scrollBeyondLastLine: false,
      fixedOverflowWidgets: true,
      renderLineHighlight: 'line',
      // Long lines (a format string, a long call) stay readable in a narrow pane.
      wordWrap: 'on',
      // A wrapped row starts at the left edge, so the rows on screen are the line's own text.
      wrappingIndent: 'none',
      ariaLabel: `Code editor. ${TAB_FOCUS_TEXT}`,
    });
    const subscription = editor.onDidChangeModelContent(() => {
      const model = editor.getModel();
      const id = modelId(model);
      if (model && id) usePlayground.getState().setSource(id.key, id.language, model.getValue());
    });
    editorRef.current = editor;
    return () => {
      subscription.dispose();
      editor.dispose();
      editorRef.current = null;
    };
  }, []);

  useEffect(() => {
    editorRef.current?.setModel(currentModel());
  }, [current, language]);

  // After the editor has moved to a live model, drop those of renamed or deleted functions, and
  // follow text replaced from outside (read from the store now: a keystroke may be newer than this render).
  useEffect(() => {
    pruneModels(new Set(Object.keys(functions)));
    syncModels(usePlayground.getState().functions);
  }, [functions]);

  useEffect(() => {
    monaco.editor.setTheme(theme === 'dark' ? 'vs-dark' : 'vs');
  }, [theme]);

  const largeText = usePlayground((s) => s.largeText);
  useEffect(() => {
    editorRef.current?.updateOptions({ fontSize: largeText ? 18 : 13 });
  }, [largeText]);

  useEffect(() => {
    for (const { id, model } of allModels()) {
      const mine = id.key === build.function && id.language === build.language;
      monaco.editor.setModelMarkers(model, MARKER_OWNER, toMarkers(mine ? (build.report?.diagnostics ?? []) : [], model));
    }
  }, [build, current, language]); // a model made after the build gets its markers too

  useEffect(() => {
    const editor = editorRef.current;
    if (!editor || !cursorRequest) return;
    const position = { lineNumber: cursorRequest.line, column: Math.max(cursorRequest.column, 1) };
    editor.setPosition(position);
    editor.revealPositionInCenter(position);
    editor.focus();
  }, [cursorRequest]);

  return (
    <div className="code-editor">
      <div className="code-editor__monaco" data-testid="editor" ref={host} />
      <ApiReferenceButton />
      {/* The top bar's shortcut hint hides below 1440 px; this one stays, at every width. */}
      <button
        type="button"
        className="button code-editor__tab-focus"
        data-testid="editor.tabfocus"
        title={`${TAB_FOCUS_TEXT} (click to switch now)`}
        onClick={() => {
          editorRef.current?.focus();
          editorRef.current?.trigger('hint', 'editor.action.toggleTabFocusMode', null);
        }}
      >
        {TAB_FOCUS_KEYS}: Tab
      </button>
    </div>
  );
}
