import { useEffect, useState } from 'react';
import { LESSONS } from '../lessons';
import { usePlayground } from '../store/playground';
import { ExamplesGallery } from '../workspace/ExamplesGallery';

const WELCOMED = 'faaslet-playground.welcomed';

const welcomed = () => {
  try {
    return localStorage.getItem(WELCOMED) !== null;
  } catch {
    return false;
  }
};

const remember = () => {
  try {
    localStorage.setItem(WELCOMED, '1');
  } catch {
    // Storage refused: the strip comes back next visit, nothing else is lost.
  }
};

/**
 * What a first-time visitor does first, under the top bar: Run the function shown, or open the
 * examples or the first lesson, each one click away. Gone once dismissed or after a first call.
 */
export function WelcomeHint() {
  const [shown, setShown] = useState(() => !welcomed());
  const [gallery, setGallery] = useState(false);
  const finished = usePlayground((s) => s.call.phase === 'done');
  const current = usePlayground((s) => s.current);
  const close = () => {
    remember();
    setShown(false);
  };
  useEffect(() => {
    if (finished && shown) close();
  }, [finished, shown]);

  if (!shown) return gallery ? <ExamplesGallery onClose={() => setGallery(false)} /> : null;
  const first = LESSONS[0]!;
  return (
    <div className="welcome" role="note" data-testid="welcome">
      <span>
        New here? Press <strong>Run</strong> to build and call <code>{current}</code>, or start with
      </span>
      <button className="button" data-testid="welcome.examples" onClick={() => setGallery(true)}>
        Examples
      </button>
      <button
        className="button"
        data-testid="welcome.lesson"
        onClick={() => {
          usePlayground.getState().openLesson(first.id);
          close();
        }}
      >
        Lesson {first.number}: {first.title}
      </button>
      <button className="button welcome__close" data-testid="welcome.close" aria-label="Dismiss" title="Dismiss" onClick={close}>
        ×
      </button>
      {gallery && <ExamplesGallery onClose={() => setGallery(false)} />}
    </div>
  );
}
