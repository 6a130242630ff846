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

/**
 * The link to every function of the editor's user (a chain calls its siblings by name, so one
 * alone rarely runs): their code, languages, inputs and command lines ride in the URL hash.
 */
function shareLink(): { fn: string; link: string } | { fn: string; refused: string } {
  const { functions, current } = usePlayground.getState();
  const user = functions[current]!.user;
  const shared = Object.values(functions)
    .filter((f) => f.user === user)
    .map((f) => ({ user: f.user, name: f.name, language: f.language, source: sourceOf(f), input: f.input, inputFormat: f.inputFormat, cmdline: f.cmdline, kind: f.kind }));
  const others = shared.length - 1;
  const what = others === 0 ? current : `${current} and ${user}'s ${others} other function${others === 1 ? '' : 's'}`;
  const refused = shareRefusal(shared);
  if (refused) return { fn: what, refused };
  return { fn: what, link: `${location.origin}${location.pathname}${location.search}${shareHash({ functions: shared, current })}` };
}

/** Copies a link to the user's functions; shows the link to copy by hand when the clipboard refuses. */
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
      <button className="button" data-testid="share.button" title="Copy a link that opens every function of this user, with their code, inputs and command lines, beside the recipient's own" onClick={() => void share()}>
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
