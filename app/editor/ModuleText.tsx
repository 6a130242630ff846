import { useEffect, useMemo, useState } from 'react';
import { moduleText } from '../store/modules';
import { errorMessage } from '../lib/error-message';

/** Lines drawn at first and per "show more": enough to read, few enough to stay instant for libc-sized modules. */
const PAGE_LINES = 1500;


/** The uploaded module as WAT, disassembled on first open and drawn a page of lines at a time. */
export function ModuleText({ fn, buildId }: { fn: string; buildId: unknown }) {
  const [open, setOpen] = useState(false);
  const [read, setRead] = useState<{ buildId: unknown; text?: string; error?: string } | null>(null);
  const [shown, setShown] = useState(PAGE_LINES);

  const current = read?.buildId === buildId ? read : null;
  useEffect(() => {
    if (!open || current) return;
    let live = true;
    setShown(PAGE_LINES);
    moduleText(fn).then(
      (text) => live && setRead({ buildId, text }),
      (e: unknown) => live && setRead({ buildId, error: errorMessage(e) }),
    );
    return () => {
      live = false;
    };
  }, [open, current, fn, buildId]);

  const lines = useMemo(() => current?.text?.split('\n') ?? [], [current]);

  return (
    <details className="module-text" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary data-testid="build.wat.toggle">
        WebAssembly text (WAT){lines.length > 0 && ` · ${lines.length.toLocaleString()} lines`}
      </summary>
      {open && !current && <p className="panel-hint">Disassembling…</p>}
      {current?.error && <p className="call-output__error">Could not disassemble: {current.error}</p>}
      {lines.length > 0 && (
        <>
          <pre className="call-output__pre module-text__pre" data-testid="build.wat">
            {lines.slice(0, shown).join('\n')}
          </pre>
          {shown < lines.length && (
            <p className="module-text__more">
              <span className="panel-hint">
                First {shown.toLocaleString()} of {lines.length.toLocaleString()} lines.
              </span>
              <button className="button" data-testid="build.wat.more" onClick={() => setShown((n) => n + PAGE_LINES)}>
                Show {Math.min(PAGE_LINES, lines.length - shown).toLocaleString()} more
              </button>
            </p>
          )}
        </>
      )}
    </details>
  );
}
