import { useEffect, useState } from 'react';
import { usePlayground } from '../store/playground';
import { guardedInput } from './guardedInput';
import { CommandLineField } from './CommandLineField';
import { convertInput, parseHex } from '../lib/call-input';

/** The call's input text (several lines if need be), its command line and its CPU-time limit. */
export function CallSettings() {
  const input = usePlayground((s) => s.functions[s.current]!.input);
  const format = usePlayground((s) => s.functions[s.current]!.inputFormat ?? 'text');
  const hex = format === 'hex' ? parseHex(input) : null;
  const hexError = hex && !hex.ok ? hex.error : null;
  const limit = usePlayground((s) => s.cpuTimeLimitMs);
  const { setInput, setInputFormat, setCpuTimeLimit, setWorkspaceNotice } = usePlayground.getState();
  // A draft lets the person clear the field while typing a new number.
  const [limitDraft, setLimitDraft] = useState(String(limit));
  useEffect(() => setLimitDraft(String(limit)), [limit]);

  return (
    <div className="call-settings">
      <label className="call-settings__input">
        <span>Input</span>
        <select
          className="field call-settings__format"
          data-testid="input.format"
          aria-label="Input format"
          title="Text is sent as its UTF-8 bytes; hex is sent as the bytes it spells"
          value={format}
          onChange={(e) => {
            const to = e.target.value === 'hex' ? 'hex' : 'text';
            const converted = convertInput(input, to);
            if (converted.ok) setInputFormat(to, converted.input);
            else setWorkspaceNotice({ tone: 'error', text: `The input stays in hex: ${converted.error}` });
          }}
        >
          <option value="text">text</option>
          <option value="hex">hex</option>
        </select>
        {/* Multi-line: Enter starts a new line (Ctrl+Enter still runs); the box grows with its text. */}
        <textarea
          className="field call-settings__text"
          data-testid="input.field"
          rows={1}
          value={input}
          placeholder={format === 'hex' ? '48 65 6c 6c 6f' : 'faasmGetInput() reads this'}
          title={hexError ?? (format === 'hex' ? 'The call\'s input as hex bytes; Ctrl+Enter runs' : "The call's input, byte for byte as UTF-8 (new lines included); Ctrl+Enter runs")}
          aria-invalid={hexError !== null}
          spellCheck={false}
          {...guardedInput(setInput)}
        />
      </label>
      <CommandLineField />
      <label title="CPU-time limit: past it the Faaslet is killed">
        <span>Limit</span>
        <input
          className="field call-settings__limit"
          data-testid="limit.field"
          type="number"
          min={1}
          step={100}
          value={limitDraft}
          onChange={(e) => {
            setLimitDraft(e.target.value);
            if (e.target.valueAsNumber > 0) setCpuTimeLimit(e.target.valueAsNumber);
          }}
          onBlur={() => setLimitDraft(String(limit))}
        />
        <span>ms</span>
      </label>
    </div>
  );
}
