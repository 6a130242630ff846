import type { RewriteSummary } from '../../runtime';
import { formatMs } from '../lib/bytes';
import { usePlayground } from '../store/playground';
import { DownloadWasmButton } from './DownloadWasmButton';
import { ModuleInterfaceLists } from './ModuleInterfaceLists';
import { ModuleText } from './ModuleText';
import './BuildInspector.css';

/** The last build's outcome, its module (interface, shared-state rewrite, WAT, bytes), and everything the tools printed. */
export function BuildLog() {
  const build = usePlayground((s) => s.build);
  const report = build.report;
  const fn = report?.ok ? build.function : null;

  return (
    <div className="build-log">
      {build.phase === 'idle' && <p className="panel-hint">No build yet.</p>}
      {build.phase === 'waiting' && <p className="panel-hint">Waiting for the toolchain to load…</p>}
      {build.phase === 'building' && <p className="panel-hint">Building…</p>}
      {build.error && <p className="call-output__error">{build.error}</p>}
      {report && (
        <div className="build-inspector__head">
          <p className={`build-log__summary build-log__summary--${report.ok ? 'ok' : 'failed'}`}>
            {report.ok ? `Built ${build.function}: ${report.wasmBytes.toLocaleString()} bytes of wasm` : 'Build failed'}
            {` · compile ${formatMs(report.compileMs)} · total ${formatMs(report.totalMs)}`}
          </p>
          {fn && <DownloadWasmButton fn={fn} />}
        </div>
      )}
      {report && report.ok && (
        <dl className="build-log__interface">
          <dt>shared state</dt>
          <dd data-testid="build.rewrite">{rewriteText(report.rewrite)}</dd>
        </dl>
      )}
      {fn && report && <ModuleInterfaceLists fn={fn} buildId={report} />}
      {report?.ok && report.rewrite.example && (
        <details className="build-log__rewrite">
          <summary>An instrumented load in {report.rewrite.example.function}, before and after</summary>
          <div className="build-log__rewrite-pair">
            <pre className="call-output__pre">{report.rewrite.example.before.trim()}</pre>
            <pre className="call-output__pre">{report.rewrite.example.after.trim()}</pre>
          </div>
        </details>
      )}
      {fn && report && <ModuleText fn={fn} buildId={report} />}
      <pre className="call-output__pre build-log__text" data-testid="build.log">{report?.log ?? ''}</pre>
    </div>
  );
}

function rewriteText(r: RewriteSummary): string {
  if (!r.rewritten) return 'not rewritten: the module maps no shared state, so it runs at full speed';
  const hoisted = r.versionedLoops
    ? `; ${r.hoisted.toLocaleString()} of them checked once per loop (${r.versionedLoops.toLocaleString()} loops versioned)`
    : '';
  return `rewritten in ${formatMs(r.ms)}: ${r.instrumented.toLocaleString()} memory instructions routed between private memory and the shared window${hoisted}; ${r.skipped.toLocaleString()} provably private and left alone`;
}
