import { useEffect, useRef, type ReactNode } from 'react';
import './Dialog.css';

/**
 * A modal dialog on the native `<dialog>`: focus stays inside, Escape and a click on the
 * backdrop close it. The parent unmounts it in `onClose`.
 */
export function Dialog({ title, testId, onClose, children }: { title: string; testId: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current!;
    if (!dialog.open) dialog.showModal(); // StrictMode mounts twice
  }, []);

  return (
    <dialog
      ref={ref}
      className="dialog"
      data-testid={testId}
      aria-label={title}
      onClose={onClose}
      // The dialog element itself is only hit outside its content box: on the backdrop.
      onClick={(e) => e.target === ref.current && ref.current.close()}
    >
      <div className="dialog__content">
        <header className="dialog__header">
          <h2 className="dialog__title">{title}</h2>
          <button className="function-list__icon" aria-label="Close" title="Close" onClick={() => ref.current?.close()}>
            ×
          </button>
        </header>
        {children}
      </div>
    </dialog>
  );
}
