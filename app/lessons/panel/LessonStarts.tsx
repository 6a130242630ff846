import type { StartKind } from '../../../runtime';
import { formatMs } from '../../lib/bytes';
import type { Lesson } from '..';
import { usePlayground } from '../../store/playground';
import type { CallTrace } from '../../store/trace';

const KINDS: readonly { kind: StartKind; what: string }[] = [
  { kind: 'cold', what: 'instantiated, constructors and zygote run' },
  { kind: 'restored', what: 'the Proto-Faaslet copied into a new Faaslet' },
  { kind: 'warm', what: 'a warm Faaslet reset in place from the Proto-Faaslet' },
];

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Each kind's start times (ms, as the Faaslets measured them) among the run's finished calls of `user`. */
function startsByKind(trace: CallTrace, user: string): Map<StartKind, number[]> {
  const byKind = new Map<StartKind, number[]>();
  for (const node of trace.nodes.values()) {
    if (!node.result || node.result.host < 0 || !node.function.startsWith(`${user}/`)) continue;
    byKind.set(node.result.startKind, [...(byKind.get(node.result.startKind) ?? []), node.result.startMs]);
  }
  return byKind;
}

/** The last run's start times by kind, beside the figures the lesson cites. */
export function LessonStarts({ lesson }: { lesson: Lesson }) {
  const trace = usePlayground((s) => s.trace);
  const byKind = startsByKind(trace, `lesson${lesson.number}`);
  const cited = lesson.starts ?? [];
  const others = cited.filter((c) => !KINDS.some((k) => k.kind === c.label));
  return (
    <table className="data-table lesson-starts" data-testid="lesson.starts">
      <thead>
        <tr>
          <th>start</th>
          <th>last run, median</th>
          <th>published</th>
        </tr>
      </thead>
      <tbody>
        {KINDS.map(({ kind, what }) => {
          const times = byKind.get(kind) ?? [];
          return (
            <tr key={kind} data-testid="lesson.starts.row" data-kind={kind} data-count={times.length} data-ms={times.length ? median(times) : undefined}>
              <td title={what}>{kind}</td>
              <td>{times.length ? `${formatMs(median(times))} (${times.length} ${times.length === 1 ? 'call' : 'calls'})` : 'none'}</td>
              <td>{cited.find((c) => c.label === kind)?.figure ?? ''}</td>
            </tr>
          );
        })}
        {others.map((c) => (
          <tr key={c.label}>
            <td>{c.label}</td>
            <td>not here</td>
            <td>{c.figure}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
