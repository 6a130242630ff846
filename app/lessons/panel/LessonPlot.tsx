import { useEffect, useMemo, useState } from 'react';
import type { LocalTier } from '../../../runtime';
import { usePlayground } from '../../store/playground';
import { LessonChart } from './LessonChart';
import { readOnEveryHost } from './lessonState';
import type { Axis, Series } from './LessonPlot.draw';
import { useMemorySamples } from '../../memory/useMemorySamples';
import './LessonPlot.css';

/** At most 4 reads a second: each is a copy of a few KiB out of the shared arena. */
const REFRESH_MS = 250;
const MIB = 1 << 20;

const LOSS_AXIS: Axis = { scale: 'log', format: (v) => (v >= 1 ? String(v) : v.toFixed(-Math.floor(Math.log10(v)))) };
const MEMORY_AXIS: Axis = { scale: 'linear', format: (v) => `${v} MiB` };

/** A trace (lessons/index.ts): i32 count, padding, then (ms, value) f64 pairs. */
function decode(bytes: Uint8Array): [number, number][] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = Math.min(Math.max(0, view.getInt32(0, true)), Math.floor((bytes.byteLength - 8) / 16));
  return Array.from({ length: count }, (_, i) => [view.getFloat64(8 + 16 * i, true), view.getFloat64(16 + 16 * i, true)]);
}

/** Each key's points, from whichever host's tier of the user holds the longest trace. */
function readSeries(tiers: readonly LocalTier[], user: string, keys: readonly string[]): Series[] {
  return keys.map((key) => {
    const traces = readOnEveryHost(tiers, user, key).filter((b) => b.byteLength >= 8);
    const points = traces.map(decode).reduce<[number, number][]>((a, b) => (b.length > a.length ? b : a), []);
    return { key, points };
  });
}

const same = (a: Series[], b: Series[]) =>
  a.length === b.length && a.every((s, i) => s.points.length === b[i]!.points.length && s.points.at(-1)?.[1] === b[i]!.points.at(-1)?.[1]);

/** Keys without the prefix they all share: `sgd_loss_shared`, `sgd_loss_copy` → `shared`, `copy`. */
function labels(keys: readonly string[]): string[] {
  if (keys.length < 2) return [...keys];
  let common = keys[0]!;
  for (const k of keys) while (!k.startsWith(common)) common = common.slice(0, -1);
  return keys.map((k) => k.slice(common.length) || k);
}

/**
 * The lesson's traces (state keys of its user), loss against time, read live from the local tier;
 * with `memory`, beside it the memory the user's calls hold, measured live. A run whose input
 * names a loss trace (`shared` for `sgd_loss_shared`) has that trace's colour.
 */
export function LessonPlot({ user, keys, memory }: { user: string; keys: readonly string[]; memory: boolean }) {
  const tiers = usePlayground((s) => s.localTiers);
  // A finished call is read at once, not up to a refresh later.
  const result = usePlayground((s) => s.call.result);
  const [series, setSeries] = useState<Series[]>([]);
  const memorySeries = useMemorySamples(user, memory);

  useEffect(() => {
    const read = () => {
      const next = readSeries(tiers, user, keys);
      setSeries((before) => (same(before, next) ? before : next));
    };
    read();
    const timer = setInterval(read, REFRESH_MS);
    return () => clearInterval(timer);
  }, [tiers, user, keys, result]);

  const names = labels(keys);
  const memoryMiB = useMemo(() => memorySeries.map((s) => ({ key: s.key, points: s.points.map(([ms, b]): [number, number] => [ms, b / MIB]) })), [memorySeries]);
  const memorySlots = memorySeries.map((s, i) => (names.includes(s.key) ? names.indexOf(s.key) : names.length + i));
  return (
    <div className="lesson-plot" data-testid="lesson.plot">
      {keys.length > 0 && (
        <LessonChart
          title="loss"
          series={series}
          slots={series.map((_, i) => i)}
          axis={LOSS_AXIS}
          testId="lesson.plot.loss"
          legend={series.map((s, i) => {
            const last = s.points.at(-1);
            return (
              <span key={s.key} data-testid="lesson.plot.series" data-key={s.key} data-points={s.points.length}>
                {names[i]}
                {last ? `: ${last[1].toPrecision(3)} at ${Math.round(last[0])} ms` : ': not run yet'}
              </span>
            );
          })}
        />
      )}
      {memory && (
        <LessonChart
          title="memory held"
          series={memoryMiB}
          slots={memorySlots}
          axis={MEMORY_AXIS}
          testId="lesson.plot.memory"
          legend={memorySeries.map((s) => (
            <span key={s.key} data-testid="lesson.memory.series" data-key={s.key} data-samples={s.points.length} data-peak-bytes={s.peakBytes}>
              {s.key}: peak {(s.peakBytes / MIB).toFixed(1)} MiB
            </span>
          ))}
        />
      )}
    </div>
  );
}
