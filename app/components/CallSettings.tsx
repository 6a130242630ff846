import { useEffect, useState } from 'react';
import { usePlayground } from '../store/playground';
import { guardedInput } from './guardedInput';
import { CommandLineField } from './CommandLineField';

/** The call's input text (several lines if need be), its command line and its CPU-time limit. */
export function CallSettings() {
  const input = usePlayground((s) => s.functions[s.current]!.input);
  const limit = usePlayground((s) => s.cpuTimeLimitMs);
  const { setInput, setCpuTimeLimit } = usePlayground.getState();
  // A draft lets the person clear the field while typing a new number.
  const [limitDraft, setLimitDraft] = useState(String(limit));
  useEffect(() => setLimitDraft(String(limit)), [limit]);

  return (
    <div className="call-settings">
      <label className="call-settings__input">
        <span>Input</span>
        {/* Multi-line: Enter starts a new line (Ctrl+Enter still runs); the box grows with its text. */}
        <textarea
          className="field call-settings__text"
          data-testid="input.field"
          rows={1}
          value={input}
          placeholder="faasmGetInput() reads this"
          title="The call's input, byte for byte as UTF-8 (new lines included); Ctrl+Enter runs"
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
