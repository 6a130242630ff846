import { useMemo } from 'react';
import { LANGUAGES } from '../examples';
import { galleryEntries } from '../examples/gallery';
import { usePlayground } from '../store/playground';
import { Dialog } from '../ui/Dialog';
import './ExamplesGallery.css';

/** Every example with what it shows; one click adds it to the workspace (or opens it when there). */
export function ExamplesGallery({ onClose }: { onClose: () => void }) {
  const entries = useMemo(galleryEntries, []);
  const functions = usePlayground((s) => s.functions);

  return (
    <Dialog title="Examples" testId="examples.dialog" onClose={onClose}>
      <ul className="examples">
        {entries.map((example) => {
          const present = example.key in functions;
          return (
            <li key={example.key} className="examples__item" data-testid="examples.item" data-key={example.key}>
              <div className="examples__text">
                <div className="examples__name">
                  <code>{example.key}</code>
                  {example.kind === 'library' && <span className="function-item__kind">library</span>}
                  <span className="function-item__language">{LANGUAGES.find((l) => l.id === example.language)?.label}</span>
                </div>
                <p className="examples__description">{example.description}</p>
              </div>
              <button
                className="button"
                data-testid="examples.open"
                title={present ? `Open ${example.key} (your copy, as you left it)` : `Add ${example.key} to the workspace`}
                onClick={() => {
                  usePlayground.getState().openExample(example);
                  onClose();
                }}
              >
                {present ? 'Open' : 'Add'}
              </button>
            </li>
          );
        })}
      </ul>
    </Dialog>
  );
}
