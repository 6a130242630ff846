import { useEffect } from 'react';
import { convertInput, parseHex } from '../lib/call-input';
import { formatSize } from '../lib/bytes';
import { MAX_FILE_INPUT_BYTES } from '../lib/input-limits';
import { usePlayground } from '../store/playground';
import { guardedInput } from './guardedInput';

type Format = 'text' | 'hex' | 'file';

/**
 * The call's input, as a person writes it (lib/call-input.ts): several lines of text, hex bytes,
 * or a file of the Files tab (for data past the box's 1 MiB). Choosing a file keeps the typed
 * text for when the person switches back.
 */
export function InputField() {
  const input = usePlayground((s) => s.functions[s.current]!.input);
  const user = usePlayground((s) => s.functions[s.current]!.user);
  const inputFile = usePlayground((s) => s.functions[s.current]!.inputFile);
  const format: Format = usePlayground((s) => (s.functions[s.current]!.inputFile !== undefined ? 'file' : (s.functions[s.current]!.inputFormat ?? 'text')));
  const runtimeReady = usePlayground((s) => s.runtime.phase === 'ready');
  const files = usePlayground((s) => s.userFiles.files);
  const { setInput, setInputFormat, setInputFile, setWorkspaceNotice } = usePlayground.getState();
  const hex = format === 'hex' ? parseHex(input) : null;
  const hexError = hex && !hex.ok ? hex.error : null;

  // The file list follows the user's files while a file is the input.
  useEffect(() => (format === 'file' && runtimeReady ? usePlayground.getState().watchFiles(user) : undefined), [format, user, runtimeReady]);

  const choose = (to: Format) => {
    if (to === 'file') return setInputFile(inputFile ?? '');
    const from = usePlayground.getState().functions[usePlayground.getState().current]!.inputFormat === 'hex' ? 'hex' : 'text';
    if (to === from) return setInputFormat(to, input);
    const converted = convertInput(input, to);
    if (converted.ok) setInputFormat(to, converted.input);
    else setWorkspaceNotice({ tone: 'error', text: `The input stays in hex: ${converted.error}` });
  };

  return (
    <label className="call-settings__input">
      <span>Input</span>
      <select
        className="field call-settings__format"
        data-testid="input.format"
        aria-label="Input format"
        title="Text is sent as its UTF-8 bytes; hex as the bytes it spells; a file of the Files tab as its bytes"
        value={format}
        onChange={(e) => choose(e.target.value === 'hex' ? 'hex' : e.target.value === 'file' ? 'file' : 'text')}
      >
        <option value="text">text</option>
        <option value="hex">hex</option>
        <option value="file">file</option>
      </select>
      {format === 'file' ? (
        <select
          className="field call-settings__file"
          data-testid="input.file"
          aria-label="Input file"
          title={`The call's input is this file's bytes, up to ${formatSize(MAX_FILE_INPUT_BYTES)}; upload files in the Files tab`}
          value={inputFile ?? ''}
          onChange={(e) => setInputFile(e.target.value)}
        >
          <option value="">{files.some((f) => !f.directory) ? 'choose a file…' : 'no files: upload one in Files'}</option>
          {inputFile && !files.some((f) => f.path === inputFile) && <option value={inputFile}>{inputFile} (missing)</option>}
          {files
            .filter((f) => !f.directory)
            .map((f) => (
              <option key={f.path} value={f.path}>
                {f.path} ({formatSize(f.size)})
              </option>
            ))}
        </select>
      ) : (
        // Multi-line: Enter starts a new line (Ctrl+Enter still runs); the box grows with its text.
        <textarea
          className="field call-settings__text"
          data-testid="input.field"
          rows={1}
          value={input}
          placeholder={format === 'hex' ? '48 65 6c 6c 6f' : 'faasmGetInput() reads this'}
          title={hexError ?? (format === 'hex' ? "The call's input as hex bytes; Ctrl+Enter runs" : "The call's input, byte for byte as UTF-8 (new lines included); Ctrl+Enter runs")}
          aria-invalid={hexError !== null}
          spellCheck={false}
          {...guardedInput(setInput)}
        />
      )}
    </label>
  );
}
