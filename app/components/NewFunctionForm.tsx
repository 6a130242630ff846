import { LanguagePicker } from './LanguagePicker';
import { useState, type FormEvent } from 'react';
import type { Language } from '../../runtime';
import { usePlayground } from '../store/playground';

/** Name (`user/name`) and language of a new function; it starts as a working copy of hello. */
export function NewFunctionForm({ onDone }: { onDone: () => void }) {
  const user = usePlayground((s) => s.functions[s.current]!.user);
  const [name, setName] = useState(`${user}/`);
  const [language, setLanguage] = useState<Language>('c');
  const [error, setError] = useState<string | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const message = usePlayground.getState().createFunction(name, language);
    setError(message);
    if (!message) onDone();
  };

  return (
    <form className="new-function" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && onDone()}>
      <input
        className="field"
        aria-label="user/name"
        data-testid="functions.new.name"
        placeholder="user/name"
        spellCheck={false}
        autoFocus
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <div className="new-function__row">
        <LanguagePicker value={language} onChange={setLanguage} testId="functions.new.language" />
        <button className="button button--primary" data-testid="functions.new.create" type="submit">
          Create
        </button>
        <button className="function-list__icon" type="button" title="Cancel" aria-label="Cancel" onClick={onDone}>
          ×
        </button>
      </div>
      {error && (
        <p className="function-item__error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
