import { useState, type KeyboardEvent } from 'react';
import { LANGUAGES } from '../examples';
import { usePlayground } from '../store/playground';
import { keyOf, sourceOf, type FunctionDoc } from '../store/workspace';

type Mode = 'view' | 'rename' | 'delete';

/** Whether the runtime holds the function, and whether the editor has moved on since its build. */
function useUploadState(doc: FunctionDoc): { state: 'uploaded' | 'changed' | 'missing'; title: string } {
  const key = keyOf(doc);
  const info = usePlayground((s) => s.uploaded.find((f) => keyOf(f) === key));
  const built = usePlayground((s) => s.built[key]);
  if (!info) return { state: 'missing', title: 'Not uploaded: build it (or Build all) before another function chains it' };
  const when = new Date(info.builtAt).toLocaleTimeString();
  const title = `Uploaded ${when}, ${info.wasmBytes.toLocaleString()} bytes of wasm`;
  const changed = built && (built.language !== doc.language || built.source !== sourceOf(doc));
  return changed ? { state: 'changed', title: `${title}; edited since` } : { state: 'uploaded', title };
}

/** One function of the workspace: select it, rename it in place, or delete it after a confirm. */
export function FunctionItem({ doc }: { doc: FunctionDoc }) {
  const key = keyOf(doc);
  const selected = usePlayground((s) => s.current === key);
  const upload = useUploadState(doc);
  const [mode, setMode] = useState<Mode>('view');
  const [draft, setDraft] = useState(doc.name);
  const [error, setError] = useState<string | null>(null);
  const { selectFunction, renameFunction, deleteFunction } = usePlayground.getState();
  const language = LANGUAGES.find((l) => l.id === doc.language)!;

  const finish = (message: string | null) => {
    setError(message);
    if (!message) setMode('view');
  };
  const onRenameKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') void renameFunction(key, draft).then(finish);
    if (e.key === 'Escape') finish(null);
  };

  return (
    <li
      className={`function-item${selected ? ' function-item--selected' : ''}`}
      data-testid="functions.item"
      data-name={key}
      data-uploaded={upload.state !== 'missing'}
    >
      {mode === 'rename' ? (
        <input
          className="field function-item__rename"
          aria-label={`New name for ${key}`}
          data-testid="functions.rename.field"
          autoFocus
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onRenameKey}
          onBlur={() => finish(null)}
        />
      ) : (
        <button className="function-item__select" data-testid="functions.select" aria-current={selected} onClick={() => selectFunction(key)}>
          <span className={`function-item__dot function-item__dot--${upload.state}`} title={upload.title} />
          <span className="function-item__name">{doc.name}</span>
          {doc.kind === 'library' && (
            <span className="function-item__kind" data-testid="functions.library" title={`A library: building it installs /lib/${doc.name}.so for dlopen`}>
              lib
            </span>
          )}
          <span className="function-item__language">{language.extension}</span>
        </button>
      )}
      {mode === 'view' && (
        <span className="function-item__actions">
          <button
            className="function-list__icon"
            data-testid="functions.rename"
            title={`Rename ${key}`}
            aria-label={`Rename ${key}`}
            onClick={() => {
              setDraft(doc.name);
              setMode('rename');
            }}
          >
            ✎
          </button>
          <button
            className="function-list__icon"
            data-testid="functions.delete"
            title={`Delete ${key}`}
            aria-label={`Delete ${key}`}
            onClick={() => setMode('delete')}
          >
            ×
          </button>
        </span>
      )}
      {mode === 'delete' && (
        <span className="function-item__confirm">
          Delete?
          <button className="button button--danger" data-testid="functions.delete.confirm" onClick={() => void deleteFunction(key).then(finish)}>
            Delete
          </button>
          <button className="button" onClick={() => finish(null)}>
            Keep
          </button>
        </span>
      )}
      {error && (
        <p className="function-item__error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
