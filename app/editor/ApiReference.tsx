import { useMemo, useState } from 'react';
import { HEADERS, searchApi, type ApiEntry } from './api';
import { Dialog } from '../ui/Dialog';
import { HeaderViewer } from './HeaderViewer';
import './ApiReference.css';

/** The line of a header where `e` is declared (1 when it cannot be found). */
function lineOf(text: string, e: ApiEntry): number {
  const at = text.search(new RegExp(`\\b${e.name.replace(/^.*::/, '')}\\b`));
  return at < 0 ? 1 : text.slice(0, at).split('\n').length;
}

/** Opens the searchable API reference: the Faasm headers' functions, macros and types, and the headers. */
export function ApiReferenceButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        className="button code-editor__api"
        data-testid="api.button"
        title="The Faasm API: functions, macros and types of the Faasm headers, and the headers themselves"
        onClick={() => setOpen(true)}
      >
        API
      </button>
      {open && <ApiReference onClose={() => setOpen(false)} />}
    </>
  );
}

function ApiReference({ onClose }: { onClose: () => void }) {
  const [query, setQuery] = useState('');
  const [shown, setShown] = useState<{ header: string; line: number } | null>(null);
  const found = useMemo(() => searchApi(query), [query]);
  const headerNames = Object.keys(HEADERS);

  return (
    <Dialog title="Faasm API reference" testId="api.dialog" onClose={onClose}>
      <div className="api-reference">
        <input
          className="api-reference__search"
          data-testid="api.search"
          type="search"
          placeholder="Search names, signatures and docs"
          aria-label="Search the API"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          autoFocus
        />
        <nav className="api-reference__headers" aria-label="Headers">
          {headerNames.map((h) => (
            <button key={h} className="button" data-testid="api.open-header" data-header={h} onClick={() => setShown({ header: h, line: 1 })}>
              {h}
            </button>
          ))}
        </nav>
        {shown && <HeaderViewer name={shown.header} text={HEADERS[shown.header]!} line={shown.line} />}
        <p className="api-reference__count" data-testid="api.count">{found.length} of the API</p>
        <ul className="api-reference__list">
          {found.map((e) => {
            const text = HEADERS[e.header];
            return (
              <li key={`${e.header}:${e.signature}`} className="api-reference__entry" data-testid="api.entry" data-name={e.name}>
                <code className="api-reference__signature">{e.signature}</code>
                <span className="api-reference__from">
                  {text ? (
                    <button className="api-reference__link" onClick={() => setShown({ header: e.header, line: lineOf(text, e) })}>
                      {e.header}
                    </button>
                  ) : (
                    e.header
                  )}
                  {e.group && ` · ${e.group}`}
                </span>
                {e.doc && <p className="api-reference__doc">{e.doc}</p>}
              </li>
            );
          })}
        </ul>
      </div>
    </Dialog>
  );
}
