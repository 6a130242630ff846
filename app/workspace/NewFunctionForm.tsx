import { LanguagePicker } from '../editor/LanguagePicker';
import { useState, type FormEvent } from 'react';
import type { FunctionKind, Language } from '../../runtime';
import { usePlayground } from '../store/playground';

/** Name (`user/name`), kind and language of a new function (a working copy of hello) or library. */
export function NewFunctionForm({ onDone }: { onDone: () => void }) {
  const user = usePlayground((s) => s.functions[s.current]!.user);
  const [name, setName] = useState(`${user}/`);
  const [language, setLanguage] = useState<Language>('c');
  const [kind, setKind] = useState<FunctionKind>('function');
  const [error, setError] = useState<string | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const message = usePlayground.getState().createFunction(name, language, kind);
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
        <select
          className="field"
          aria-label="Kind"
          data-testid="functions.new.kind"
          value={kind}
          onChange={(e) => {
            const next = e.target.value as FunctionKind;
            setKind(next);
            if (next === 'library' && language === 'wat') setLanguage('c');
          }}
        >
          <option value="function">Function</option>
          <option value="library" title="A shared library (.so) that functions load with dlopen">Library (.so)</option>
        </select>
      </div>
      <div className="new-function__row">
        <LanguagePicker value={language} onChange={setLanguage} testId="functions.new.language" library={kind === 'library'} />
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
