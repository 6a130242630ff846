import { useEffect, useRef, useState } from 'react';
import { shareHash, shareRefusal } from '../lib/share';
import { usePlayground } from '../store/playground';
import { sourceOf } from '../store/workspace';
import './ShareButton.css';

/** How long "copied" stays up. */
const CONFIRM_MS = 3000;

type Shared =
  | { copied: true; fn: string; length: number }
  | { copied: false; fn: string; link: string }
  | { refused: string; fn: string };

/** The link to the function in the editor: its code, language and input ride in the URL hash. */
function shareLink(): { fn: string; link: string } | { fn: string; refused: string } {
  const { functions, current } = usePlayground.getState();
  const f = functions[current]!;
  const shared = { user: f.user, name: f.name, language: f.language, source: sourceOf(f), input: f.input, cmdline: f.cmdline, kind: f.kind };
  const refused = shareRefusal(shared);
  if (refused) return { fn: current, refused };
  return { fn: current, link: `${location.origin}${location.pathname}${location.search}${shareHash(shared)}` };
}

/** Copies a link to the current function; shows the link to copy by hand when the clipboard refuses. */
export function ShareButton() {
  const [shared, setShared] = useState<Shared | null>(null);
  const field = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!shared) return;
    if ('copied' in shared && !shared.copied) return field.current?.select();
    const timer = setTimeout(() => setShared(null), CONFIRM_MS);
    return () => clearTimeout(timer);
  }, [shared]);

  async function share() {
    const made = shareLink();
    if ('refused' in made) return setShared(made);
    const { fn, link } = made;
    try {
      await navigator.clipboard.writeText(link);
      setShared({ copied: true, fn, length: link.length });
    } catch {
      setShared({ copied: false, fn, link });
    }
  }

  return (
    <div className="share">
      <button className="button" data-testid="share.button" title="Copy a link that opens this function's code and input" onClick={() => void share()}>
        Share
      </button>
      {shared && (
        <div className={`share__bubble${'copied' in shared && !shared.copied ? ' share__bubble--manual' : ''}`} role="status" data-testid="share.status">
          {'refused' in shared ? (
            <span data-testid="share.refused">{shared.refused}</span>
          ) : shared.copied ? (
            <>
              <span className="share__ok">✓</span> Link to <code>{shared.fn}</code> copied ({shared.length.toLocaleString()} characters)
            </>
          ) : (
            <label className="share__manual">
              The clipboard refused. Copy this link to <code>{shared.fn}</code>:
              <input
                ref={field}
                className="field"
                readOnly
                value={shared.link}
                onKeyDown={(e) => e.key === 'Escape' && setShared(null)}
                onBlur={() => setShared(null)}
              />
            </label>
          )}
        </div>
      )}
    </div>
  );
}
