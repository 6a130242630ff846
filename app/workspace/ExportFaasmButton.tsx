import { useState } from 'react';
import { usePlayground } from '../store/playground';
import { ExportFaasmDialog } from './ExportFaasmDialog';

/** Opens "Export for Faasm" for the function in the editor (C or C++ functions only). */
export function ExportFaasmButton() {
  const [open, setOpen] = useState(false);
  const ready = usePlayground((s) => s.runtime.phase === 'ready');
  const why = usePlayground((s) => {
    const f = s.functions[s.current]!;
    if (f.kind === 'library') return 'A library is built for dlopen; export the function that loads it';
    if (f.language === 'wat') return 'Faasm builds functions from C or C++ with its own toolchain';
    return null;
  });
  return (
    <>
      <button
        className="button"
        data-testid="export.button"
        aria-label="Export for Faasm"
        disabled={!ready || why !== null}
        title={why ?? "Build this function as Faasm's toolchain does, and deploy it to a Faasm cluster"}
        onClick={() => setOpen(true)}
      >
        → Faasm
      </button>
      {open && <ExportFaasmDialog onClose={() => setOpen(false)} />}
    </>
  );
}
