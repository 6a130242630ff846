import { useEffect, useRef, useState } from 'react';
import { Dialog } from '../ui/Dialog';
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
 * The link to the editor's user's functions (all by default: a chain calls its siblings by name,
 * so one alone rarely runs, or those `chosen`): their code, languages, inputs and command lines
 * ride in the URL hash. The link opens on the editor's function, or the first chosen one.
 */
function shareLink(chosen?: ReadonlySet<string>): { fn: string; link: string } | { fn: string; refused: string } {
  const { functions } = usePlayground.getState();
  const all = usersFunctions();
  const keys = chosen ? all.filter((k) => chosen.has(k)) : all;
  const current = keys.includes(usePlayground.getState().current) ? usePlayground.getState().current : keys[0]!;
  const user = functions[current]!.user;
  const shared = keys
    .map((k) => functions[k]!)
    .map((f) => ({ user: f.user, name: f.name, language: f.language, source: sourceOf(f), input: f.input, inputFormat: f.inputFormat, cmdline: f.cmdline, kind: f.kind }));
  const others = shared.length - 1;
  const what = others === 0 ? current : `${current} and ${user}'s ${others} other function${others === 1 ? '' : 's'}`;
  const refused = shareRefusal(shared);
  if (refused) return { fn: what, refused };
  return { fn: what, link: `${location.origin}${location.pathname}${location.search}${shareHash({ functions: shared, current })}` };
}

/** The keys of every function of the editor's user, in the function list's order. */
function usersFunctions(): string[] {
  const { functions, current } = usePlayground.getState();
  const user = functions[current]!.user;
  return Object.keys(functions).filter((k) => functions[k]!.user === user).sort();
}

/**
 * Copies a link to the user's functions (▾ chooses which); shows the link to copy by hand when
 * the clipboard refuses.
 */
export function ShareButton() {
  const [shared, setShared] = useState<Shared | null>(null);
  const [choosing, setChoosing] = useState<Set<string> | null>(null);
  const field = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!shared) return;
    if ('copied' in shared && !shared.copied) return field.current?.select();
    const timer = setTimeout(() => setShared(null), CONFIRM_MS);
    return () => clearTimeout(timer);
  }, [shared]);

  async function share(chosen?: ReadonlySet<string>) {
    const made = shareLink(chosen);
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
      <button
        className="button share__choose"
        data-testid="share.choose"
        aria-label="Share some functions"
        title="Choose which of this user's functions the link carries"
        onClick={() => setChoosing(new Set(usersFunctions()))}
      >
        ▾
      </button>
      {choosing && (
        <Dialog title="Share which functions?" testId="share.chooser" onClose={() => setChoosing(null)}>
          <fieldset className="share__list">
            <legend className="dialog__text">The link carries each chosen function's code, input and command line.</legend>
            {usersFunctions().map((key) => (
              <label key={key} className="share__item">
                <input
                  type="checkbox"
                  data-testid="share.choose.item"
                  data-name={key}
                  checked={choosing.has(key)}
                  onChange={(e) => {
                    const next = new Set(choosing);
                    if (e.currentTarget.checked) next.add(key);
                    else next.delete(key);
                    setChoosing(next);
                  }}
                />
                <code>{key}</code>
              </label>
            ))}
          </fieldset>
          <div className="dialog__actions">
            <button className="button" onClick={() => setChoosing(null)}>
              Cancel
            </button>
            <button
              className="button button--primary"
              data-testid="share.choose.copy"
              disabled={choosing.size === 0}
              onClick={() => {
                const chosen = choosing;
                setChoosing(null);
                void share(chosen);
              }}
            >
              {`Copy a link to ${choosing.size} function${choosing.size === 1 ? '' : 's'}`}
            </button>
          </div>
        </Dialog>
      )}
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
