import { useState } from 'react';
import { saveFile } from '../lib/download';
import { moduleBytes } from '../store/modules';
import { errorMessage } from '../lib/error-message';


/** Saves the uploaded module (what runs, after the rewrite) as `<name>.wasm`. */
export function DownloadWasmButton({ fn }: { fn: string }) {
  const [error, setError] = useState<string | null>(null);

  async function download() {
    setError(null);
    try {
      const bytes = await moduleBytes(fn);
      saveFile(`${fn.slice(fn.indexOf('/') + 1)}.wasm`, bytes as Uint8Array<ArrayBuffer>, 'application/wasm');
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  return (
    <>
      <button className="button build-inspector__download" data-testid="build.download" onClick={() => void download()}>
        Download .wasm
      </button>
      {error && <span className="call-output__error">Download failed: {error}</span>}
    </>
  );
}
