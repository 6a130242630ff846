/** Compiler diagnostics as Monaco markers. */
import type { Diagnostic } from '../../runtime';
import { monaco } from './monaco';

const HEADER = /\.(h|hh|hpp|hxx|inc)$/i;

/** Messages about the project's headers are listed in Problems but have no place in the editor. */
export function isInUserFile(d: Diagnostic): boolean {
  return !HEADER.test(d.file);
}

const severities = {
  error: monaco.MarkerSeverity.Error,
  warning: monaco.MarkerSeverity.Warning,
  note: monaco.MarkerSeverity.Info,
} as const;

export function toMarkers(diagnostics: Diagnostic[], model: monaco.editor.ITextModel): monaco.editor.IMarkerData[] {
  return diagnostics.filter(isInUserFile).map((d) => {
    const line = Math.min(Math.max(d.line, 1), model.getLineCount());
    const column = Math.max(d.column, 1);
    // Underline the word the compiler points at, or at least one character.
    const word = model.getWordAtPosition({ lineNumber: line, column });
    return {
      severity: severities[d.severity],
      message: d.message,
      startLineNumber: line,
      startColumn: word?.startColumn ?? column,
      endLineNumber: line,
      endColumn: word?.endColumn ?? column + 1,
    };
  });
}
