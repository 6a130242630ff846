import { useState } from 'react';
import type { PageDiff, ProtoFaasletInfo } from '../../runtime';
import { formatKib } from '../lib/bytes';
import { lessonById } from '../store/lessons';
import { usePlayground } from '../store/playground';
import './ProtoView.css';

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toLocaleString(undefined, { maximumFractionDigits: 1 })} MiB`;

/** The Proto-Faaslets tab: each function's post-zygote image and how its Faaslets started; snapshots by hand. */
export function ProtoView() {
  const protos = usePlayground((s) => s.protos);
  const lesson = usePlayground((s) => lessonById(s.lessonId));
  // With a lesson open, its functions come first and the rest follow, dimmed.
  const user = lesson ? `lesson${lesson.number}/` : null;
  const own = user ? protos.filter((p) => p.function.startsWith(user)) : protos;
  const others = user ? protos.filter((p) => !p.function.startsWith(user)) : [];
  return (
    <div className="proto-view" data-testid="protos.view">
      <p className="proto-view__note">
        A function's first call runs its constructors and zygote, then its memory and globals are kept as its Proto-Faaslet.
        Every later call starts from that image: restored into a new Faaslet, or reset in place in a warm one.
      </p>
      {protos.length === 0 ? (
        <p className="panel-hint">No Proto-Faaslet yet: run a function (try demo/zygote).</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th>function</th>
              <th>Proto-Faaslet</th>
              <th>zygote runs</th>
              <th>cold</th>
              <th>restored</th>
              <th>warm</th>
            </tr>
          </thead>
          <tbody>
            {own.map((p) => (
              <ProtoRow key={p.function} proto={p} />
            ))}
            {others.length > 0 && (
              <tr className="proto-view__others" data-testid="protos.others">
                <th colSpan={6}>
                  {own.length === 0 ? `Lesson ${lesson!.number}'s functions have no Proto-Faaslet yet: run the lesson. ` : ''}
                  Other functions ({others.length}), not this lesson's:
                </th>
              </tr>
            )}
            {others.map((p) => (
              <ProtoRow key={p.function} proto={p} dim />
            ))}
          </tbody>
        </table>
      )}
      <ManualSnapshots />
    </div>
  );
}

function ProtoRow({ proto, dim = false }: { proto: ProtoFaasletInfo; dim?: boolean }) {
  const { image } = proto;
  return (
    <tr data-testid="protos.row" data-function={proto.function} className={dim ? 'proto-view__row--other' : undefined}>
      <td>{proto.function}</td>
      <td data-testid="protos.image">
        {image
          ? `${mib(image.memoryBytes)} memory, ${image.pages} non-zero pages kept (${formatKib(image.storedBytes)}), ${image.globals} globals`
          : 'none yet (taken after the next cold start)'}
      </td>
      <td data-testid="protos.zygotes">{proto.zygoteRuns}</td>
      <td data-testid="protos.cold">{proto.starts.cold}</td>
      <td data-testid="protos.restored">{proto.starts.restored}</td>
      <td data-testid="protos.warm">{proto.starts.warm}</td>
    </tr>
  );
}

function ManualSnapshots() {
  const result = usePlayground((s) => s.call.result);
  const snapshots = usePlayground((s) => s.snapshots);
  const diff = usePlayground((s) => s.snapshotDiff);
  const error = usePlayground((s) => s.snapshotError);
  const callActive = usePlayground((s) => s.call.phase === 'running' || s.call.phase === 'building');
  const runtimeReady = usePlayground((s) => s.runtime.phase === 'ready');
  const { takeSnapshot, restoreSnapshot, diffSnapshot, deleteSnapshot, runFromSnapshot } = usePlayground.getState();
  const [name, setName] = useState('snapshot-1');
  const faaslet = result?.faaslet ?? null;

  return (
    <section className="proto-view__manual" aria-label="Snapshots by hand">
      <h3 className="call-output__heading">Snapshots by hand</h3>
      <p className="proto-view__note">
        As in Faasm, a call can start from a named snapshot instead of its function's Proto-Faaslet: what the call before
        the snapshot left in its globals and heap is there for it. Calls it chains start from their own Proto-Faaslets.
      </p>
      {faaslet === null ? (
        <p className="panel-hint">Run a function first: a snapshot is taken of the Faaslet that ran it.</p>
      ) : (
        <form
          className="proto-view__take"
          onSubmit={(event) => {
            event.preventDefault();
            void takeSnapshot(faaslet, name.trim() || 'snapshot');
          }}
        >
          <span>
            Faaslet f{faaslet} ran {result?.function} last.
          </span>
          <input aria-label="Snapshot name" data-testid="snapshot.name" value={name} onChange={(e) => setName(e.target.value)} />
          <button type="submit" className="button" data-testid="snapshot.take">
            Snapshot f{faaslet}
          </button>
        </form>
      )}
      {error && (
        <p className="call-output__error" data-testid="snapshot.error">
          {error}
        </p>
      )}
      {snapshots.length > 0 && (
        <table className="data-table">
          <thead>
            <tr>
              <th>name</th>
              <th>of</th>
              <th>kept</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {snapshots.map((s) => (
              <tr key={s.name} data-testid="snapshot.row" data-name={s.name}>
                <td>{s.name}</td>
                <td>
                  f{s.faaslet} · {s.function}
                </td>
                <td>
                  {s.image.pages} pages ({formatKib(s.image.storedBytes)})
                </td>
                <td className="proto-view__actions">
                  <button
                    className="button"
                    data-testid="snapshot.run"
                    disabled={!runtimeReady || callActive}
                    title={`Run ${s.function} (its uploaded build) starting from this snapshot`}
                    onClick={() => void runFromSnapshot(s.name)}
                  >
                    Run from this snapshot
                  </button>
                  {faaslet !== null && (
                    <>
                      <button className="button" data-testid="snapshot.diff" onClick={() => void diffSnapshot(s.name, faaslet)}>
                        Diff with f{faaslet}
                      </button>
                      <button className="button" data-testid="snapshot.restore" onClick={() => void restoreSnapshot(s.name, faaslet)}>
                        Restore into f{faaslet}
                      </button>
                    </>
                  )}
                  <button className="button" aria-label={`Delete ${s.name}`} onClick={() => void deleteSnapshot(s.name)}>
                    ×
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {diff && <DiffView diff={diff} />}
    </section>
  );
}

/** Most cells drawn for one memory; bigger memories show groups of pages per cell. */
const MAX_CELLS = 512;

function DiffView({ diff }: { diff: PageDiff }) {
  const perCell = Math.max(1, Math.ceil(diff.totalPages / MAX_CELLS));
  const cells = Math.ceil(diff.totalPages / perCell);
  const changedCells = new Set(diff.changed.map((page) => Math.floor(page / perCell)));
  const listed = diff.changed.slice(0, 24).join(', ') + (diff.changed.length > 24 ? ', …' : '');
  return (
    <div className="proto-view__diff">
      <p data-testid="snapshot.diff.summary">
        f{diff.faaslet} against {diff.snapshot}: {diff.changed.length} of {diff.totalPages} pages differ
        {diff.changed.length > 0 && ` (pages ${listed})`}
      </p>
      <div className="proto-view__pages" role="img" aria-label={`${diff.changed.length} changed pages of ${diff.totalPages}`}>
        {Array.from({ length: cells }, (_, cell) => (
          <span key={cell} className={changedCells.has(cell) ? 'proto-view__page proto-view__page--changed' : 'proto-view__page'} />
        ))}
      </div>
      <p className="proto-view__legend">one cell = {perCell === 1 ? 'one 64 KiB page' : `${perCell} pages`}; marked cells differ</p>
    </div>
  );
}
