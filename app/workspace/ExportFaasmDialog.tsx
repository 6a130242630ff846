import { useEffect, useMemo, useState } from 'react';
import { deploySteps, type FaasmCallResult, type FaasmExport } from '../../runtime';
import { saveFile } from '../lib/download';
import { currentCall, exportCurrentForFaasm, invokeOnCluster } from '../store/faasm-export';
import { usePlayground } from '../store/playground';
import { Dialog } from '../ui/Dialog';
import './ExportFaasm.css';
import { errorMessage } from '../lib/error-message';


type Built = { phase: 'building' } | { phase: 'done'; result: FaasmExport } | { phase: 'failed'; error: string };

/** Commands to copy, one per line. */
function Commands({ lines, testId }: { lines: string[]; testId: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="faasm-export__commands">
      <pre data-testid={testId}>{lines.join('\n')}</pre>
      <button
        className="button faasm-export__copy"
        onClick={() => void navigator.clipboard.writeText(lines.join('\n')).then(() => setCopied(true), () => setCopied(false))}
      >
        {copied ? 'Copied' : 'Copy'}
      </button>
    </div>
  );
}

/** The module as Faasm's toolchain builds it, what it needs of Faasm, and how to deploy and call it. */
export function ExportFaasmDialog({ onClose }: { onClose: () => void }) {
  const current = usePlayground((s) => s.current);
  const [built, setBuilt] = useState<Built>({ phase: 'building' });
  const call = useMemo(() => currentCall(), [current]);
  const file = `${call.function}.wasm`;
  const steps = useMemo(() => deploySteps(call, file), [call, file]);

  useEffect(() => {
    let live = true;
    exportCurrentForFaasm().then(
      (result) => live && setBuilt({ phase: 'done', result }),
      (e: unknown) => live && setBuilt({ phase: 'failed', error: errorMessage(e) }),
    );
    return () => {
      live = false;
    };
  }, [current]);

  return (
    <Dialog title={`Export ${current} for Faasm`} testId="export.dialog" onClose={onClose}>
      <div className="faasm-export">
        <BuildStatus built={built} file={file} />
        <h3 className="faasm-export__heading">1. Start a Faasm cluster</h3>
        <p className="faasm-export__note">With docker compose on one machine, or on Kubernetes (faasmctl writes faasm.ini):</p>
        <Commands lines={steps.compose} testId="export.compose" />
        <Commands lines={steps.kubernetes} testId="export.k8s" />
        <h3 className="faasm-export__heading">2. Upload and call it with faasmctl</h3>
        <Commands lines={steps.faasmctl} testId="export.faasmctl" />
        <h3 className="faasm-export__heading">… or with the HTTP requests themselves</h3>
        <p className="faasm-export__note">
          Upload: <code>PUT /f/{call.user}/{call.function}</code> on the upload server (port 8002). Call: a POST to the planner (port 8080) of
          an <code>EXECUTE_BATCH</code> message, then <code>EXECUTE_BATCH_STATUS</code> until it is finished. The upload server answers no
          browser preflight, so this page cannot upload: use the command line.
        </p>
        <Commands lines={steps.http} testId="export.http" />
        <InvokeFromPage />
      </div>
    </Dialog>
  );
}

function BuildStatus({ built, file }: { built: Built; file: string }) {
  if (built.phase === 'building') return <p data-testid="export.status">Building with Faasm's toolchain flags…</p>;
  if (built.phase === 'failed') return <p className="call-output__error" data-testid="export.status">{built.error}</p>;
  const { result } = built;
  return (
    <section className="faasm-export__built">
      <p data-testid="export.status" data-ok={result.ok}>
        {result.wasm
          ? `Built as Faasm builds it: ${result.wasm.byteLength.toLocaleString()} bytes in ${Math.round(result.buildMs)} ms, ${result.imports.length} imports.`
          : 'The Faasm build failed.'}
        {result.ok && ' Everything it uses, Faasm has.'}
      </p>
      {result.problems.length > 0 && (
        <div className="faasm-export__problems" data-testid="export.problems">
          <strong>Faasm lacks what this function uses:</strong>
          <ul>
            {result.problems.map((p) => (
              <li key={p.name} data-testid="export.problem" data-name={p.name}>
                <code>{p.name}</code>: {p.why}
              </li>
            ))}
          </ul>
        </div>
      )}
      {!result.wasm && result.problems.length === 0 && <pre className="call-output__pre call-output__pre--stderr">{result.log}</pre>}
      {result.wasm && (
        <button className="button button--primary" data-testid="export.download" onClick={() => saveFile(file, result.wasm as Uint8Array<ArrayBuffer>, 'application/wasm')}>
          Download {file}
        </button>
      )}
      <details>
        <summary>The build command (Faasm's flags)</summary>
        <Commands lines={result.commands} testId="export.build" />
      </details>
    </section>
  );
}

type Invoked = { phase: 'idle' } | { phase: 'running' } | { phase: 'done'; result: FaasmCallResult } | { phase: 'failed'; error: string };

/** Calls the function on a cluster the person names: Faasm's planner answers cross-origin requests. */
function InvokeFromPage() {
  const [url, setUrl] = useState('http://localhost:8080');
  const [invoked, setInvoked] = useState<Invoked>({ phase: 'idle' });
  const [abort, setAbort] = useState<AbortController | null>(null);
  useEffect(() => () => abort?.abort(), [abort]);

  function invoke() {
    const controller = new AbortController();
    setAbort(controller);
    setInvoked({ phase: 'running' });
    invokeOnCluster(url, controller.signal).then(
      (result) => setInvoked({ phase: 'done', result }),
      (e: unknown) => setInvoked({ phase: 'failed', error: errorMessage(e) }),
    );
  }

  return (
    <section>
      <h3 className="faasm-export__heading">3. Call it from this page</h3>
      <form
        className="faasm-export__invoke"
        onSubmit={(e) => {
          e.preventDefault();
          invoke();
        }}
      >
        <label>
          <span>Planner URL</span>
          <input className="field" data-testid="export.planner" value={url} spellCheck={false} onChange={(e) => setUrl(e.target.value)} />
        </label>
        <button type="submit" className="button" data-testid="export.invoke" disabled={invoked.phase === 'running'}>
          {invoked.phase === 'running' ? 'Calling…' : 'Invoke'}
        </button>
      </form>
      {invoked.phase === 'failed' && <p className="call-output__error" data-testid="export.invoke.result">{invoked.error}</p>}
      {invoked.phase === 'done' && (
        <p data-testid="export.invoke.result">
          App {invoked.result.appId} returned {invoked.result.returnValue}
          {invoked.result.host && ` on ${invoked.result.host}`}; output: <code>{invoked.result.output}</code>
        </p>
      )}
    </section>
  );
}
