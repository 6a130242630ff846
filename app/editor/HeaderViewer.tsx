import { useEffect, useRef } from 'react';
import { monaco } from './monaco';

/**
 * A Faasm header in a read-only Monaco editor, scrolled to `line` (the declaration the reference
 * points at). Its model is its own: the header is no function of the workspace.
 */
export function HeaderViewer({ name, text, line }: { name: string; text: string; line: number }) {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);

  useEffect(() => {
    const model = monaco.editor.createModel(text, name.endsWith('.h') ? 'cpp' : 'plaintext');
    const editor = monaco.editor.create(host.current!, {
      model,
      readOnly: true,
      automaticLayout: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      fontSize: 12,
    });
    editorRef.current = editor;
    return () => {
      editor.dispose();
      model.dispose();
      editorRef.current = null;
    };
  }, [name, text]);

  useEffect(() => {
    editorRef.current?.revealLineInCenter(line);
    editorRef.current?.setPosition({ lineNumber: line, column: 1 });
  }, [name, text, line]);

  return <div className="api-reference__header" data-testid="api.header" data-header={name} ref={host} />;
}
