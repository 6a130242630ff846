import { isInUserFile } from './markers';
import { usePlayground } from '../store/playground';

/** Compiler diagnostics; clicking one puts the editor's cursor there. */
export function ProblemsList() {
  const report = usePlayground((s) => s.build.report);
  const built = usePlayground((s) => s.build.function);
  const revealDiagnostic = usePlayground((s) => s.revealDiagnostic);
  const diagnostics = report?.diagnostics ?? [];

  return (
    <div className="problems">
      {diagnostics.length === 0 && (
        <p className="panel-hint">{report ? 'No problems in the last build.' : 'Build to see compiler problems here.'}</p>
      )}
      {report && built && <p className="panel-hint">From the last build, of {built}.</p>}
      <ul className="problems__list" data-testid="problems.list">
        {diagnostics.map((d, i) => {
          const inEditor = isInUserFile(d);
          return (
            <li key={i}>
              <button
                className={`problems__item problems__item--${d.severity}`}
                data-testid="problems.item"
                data-severity={d.severity}
                disabled={!inEditor}
                onClick={() => revealDiagnostic(d)}
              >
                <span className="problems__severity">{d.severity}</span>
                <span className="problems__where">
                  {inEditor ? '' : `${d.file} `}
                  {d.line}:{d.column}
                </span>
                <span className="problems__message">{d.message}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
