import { useEffect, useState } from 'react';
import { usePlayground } from '../store/playground';
import { CommandLineField } from './CommandLineField';
import { InputField } from './InputField';

/** The call's input, its command line and its CPU-time limit. */
export function CallSettings() {
  const limit = usePlayground((s) => s.cpuTimeLimitMs);
  const { setCpuTimeLimit } = usePlayground.getState();
  // A draft lets the person clear the field while typing a new number.
  const [limitDraft, setLimitDraft] = useState(String(limit));
  useEffect(() => setLimitDraft(String(limit)), [limit]);

  return (
    <div className="call-settings">
      <InputField />
      <CommandLineField />
      <label title="CPU-time limit: past it the Faaslet is killed. It counts the Faaslet's own execution (as fuel), not time blocked in await, locks, the global tier or sleep">
        <span>CPU-time limit</span>
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
