import { formatMs } from '../lib/bytes';
import { usePlayground } from '../store/playground';

/** The last build's outcome, its module's interface, and everything the tools printed. */
export function BuildLog() {
  const build = usePlayground((s) => s.build);
  const report = build.report;

  return (
    <div className="build-log">
      {build.phase === 'idle' && <p className="panel-hint">No build yet.</p>}
      {build.phase === 'waiting' && <p className="panel-hint">Waiting for the toolchain to load…</p>}
      {build.phase === 'building' && <p className="panel-hint">Building…</p>}
      {build.error && <p className="call-output__error">{build.error}</p>}
      {report && (
        <p className={`build-log__summary build-log__summary--${report.ok ? 'ok' : 'failed'}`}>
          {report.ok ? `Built: ${report.wasmBytes.toLocaleString()} bytes of wasm` : 'Build failed'}
          {` · compile ${formatMs(report.compileMs)} · total ${formatMs(report.totalMs)}`}
        </p>
      )}
      {report && report.ok && (
        <dl className="build-log__interface">
          <dt>imports</dt>
          <dd>{report.imports.join(', ') || 'none'}</dd>
          <dt>exports</dt>
          <dd>{report.exports.join(', ') || 'none'}</dd>
        </dl>
      )}
      <pre className="call-output__pre build-log__text" data-testid="build.log">{report?.log ?? ''}</pre>
    </div>
  );
}
