import { useEffect, useState } from 'react';
import type { Lesson } from '..';
import { usePlayground } from '../../store/playground';
import { readOnEveryHost } from './lessonState';
import './LessonBars.css';

interface Bar {
  label: string;
  value: number;
  note: string;
  cited: boolean;
}

/** The key's text (lessons/index.ts, `bars`): a title line, then `label<TAB>value<TAB>note` lines. */
function parseBars(bytes: Uint8Array): { title: string; bars: Bar[] } | null {
  const end = bytes.indexOf(0);
  const text = new TextDecoder().decode(end < 0 ? bytes : bytes.subarray(0, end));
  const [title, ...lines] = text.split('\n').filter(Boolean);
  if (!title) return null;
  const bars = lines.map((line) => {
    const [label = '', value = '', note = ''] = line.split('\t');
    return { label, value: Number(value), note, cited: false };
  });
  return bars.every((b) => b.label && Number.isFinite(b.value)) ? { title, bars } : null;
}

/**
 * The lesson's bar chart: what its run measured (a state key of its user, read when a call
 * ends) and, set apart, the published figures the lesson cites. HTML, so large text scales it.
 */
export function LessonBars({ lesson }: { lesson: Lesson }) {
  const tiers = usePlayground((s) => s.localTiers);
  const result = usePlayground((s) => s.call.result);
  const [chart, setChart] = useState<{ title: string; bars: Bar[] } | null>(null);
  const user = `lesson${lesson.number}`;
  const key = lesson.bars!;

  useEffect(() => {
    const charts = readOnEveryHost(tiers, user, key).map(parseBars);
    setChart(charts.find((c) => c !== null) ?? null);
  }, [tiers, user, key, result]);

  const cited: Bar[] = lesson.cited.map((c) => ({ label: c.label, value: c.value, note: 'published', cited: true }));
  const bars = [...(chart?.bars ?? []), ...cited];
  const max = Math.max(...bars.map((b) => b.value), 1);
  return (
    <figure className="lesson-bars" data-testid="lesson.bars">
      <figcaption className="lesson-bars__title">{chart ? chart.title : 'Run the lesson to measure'}</figcaption>
      {bars.map((bar) => (
        <div
          key={bar.label}
          className={`lesson-bars__row${bar.cited ? ' lesson-bars__row--cited' : ''}`}
          data-testid="lesson.bars.row"
          data-label={bar.label}
          data-value={bar.value}
          data-cited={bar.cited}
        >
          <span className="lesson-bars__label">{bar.label}</span>
          <span className="lesson-bars__track">
            <span className="lesson-bars__bar" style={{ width: `${(100 * bar.value) / max}%` }} />
          </span>
          <span className="lesson-bars__value">
            {bar.value.toFixed(2)}× <small>{bar.note}</small>
          </span>
        </div>
      ))}
    </figure>
  );
}
