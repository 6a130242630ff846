import { useEffect, useRef, useState } from 'react';
import { LocalTierReader, type LocalTier } from '../../runtime';
import { usePlayground } from '../store/playground';
import { drawLossPlot, type Palette, type Series } from './LessonPlot.draw';
import './LessonPlot.css';

/** At most 4 reads a second: each is a copy of a few KiB out of the shared arena. */
const REFRESH_MS = 250;
const HEIGHT = 100;

const readers = new WeakMap<LocalTier, LocalTierReader>();
const readerOf = (tier: LocalTier) => {
  let reader = readers.get(tier);
  if (!reader) readers.set(tier, (reader = new LocalTierReader(tier.arena)));
  return reader;
};

/** A trace (lessons/index.ts): i32 count, padding, then (ms, value) f64 pairs. */
function decode(bytes: Uint8Array): [number, number][] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = Math.min(Math.max(0, view.getInt32(0, true)), Math.floor((bytes.byteLength - 8) / 16));
  return Array.from({ length: count }, (_, i) => [view.getFloat64(8 + 16 * i, true), view.getFloat64(16 + 16 * i, true)]);
}

/** Each key's points, from whichever host's tier of the user holds the longest trace. */
function readSeries(tiers: readonly LocalTier[], user: string, keys: readonly string[]): Series[] {
  const mine = tiers.filter((t) => t.user === user);
  return keys.map((key) => {
    const traces = mine.map((t) => readerOf(t).read(`${user}/${key}`)).filter((b): b is Uint8Array => b !== null && b.byteLength >= 8);
    const points = traces.map(decode).reduce<[number, number][]>((a, b) => (b.length > a.length ? b : a), []);
    return { key, points };
  });
}

const same = (a: Series[], b: Series[]) =>
  a.length === b.length && a.every((s, i) => s.points.length === b[i]!.points.length && s.points.at(-1)?.[1] === b[i]!.points.at(-1)?.[1]);

function readPalette(el: Element): Palette {
  const css = getComputedStyle(el);
  const v = (name: string) => css.getPropertyValue(name).trim();
  return { text: v('--text-dim'), grid: v('--border'), lines: [v('--accent'), v('--warn'), v('--ok'), v('--danger')] };
}

/** Keys without the prefix they all share: `sgd_loss_shared`, `sgd_loss_copy` → `shared`, `copy`. */
function labels(keys: readonly string[]): string[] {
  if (keys.length < 2) return [...keys];
  let common = keys[0]!;
  for (const k of keys) while (!k.startsWith(common)) common = common.slice(0, -1);
  return keys.map((k) => k.slice(common.length) || k);
}

/** The lesson's traces (state keys of its user), loss against time, read live from the local tier. */
export function LessonPlot({ user, keys }: { user: string; keys: readonly string[] }) {
  const tiers = usePlayground((s) => s.localTiers);
  const theme = usePlayground((s) => s.theme);
  // A finished call is read at once, not up to a refresh later.
  const result = usePlayground((s) => s.call.result);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [series, setSeries] = useState<Series[]>([]);
  const [width, setWidth] = useState(0);
  const [palette, setPalette] = useState<Palette | null>(null);

  useEffect(() => {
    const read = () => {
      const next = readSeries(tiers, user, keys);
      setSeries((before) => (same(before, next) ? before : next));
    };
    read();
    const timer = setInterval(read, REFRESH_MS);
    return () => clearInterval(timer);
  }, [tiers, user, keys, result]);

  useEffect(() => {
    const canvas = canvasRef.current!;
    const observer = new ResizeObserver(([entry]) => setWidth(entry!.contentRect.width));
    observer.observe(canvas.parentElement!);
    return () => observer.disconnect();
  }, []);

  // A frame later: App applies the theme in its own effect (as CallTimeline does).
  useEffect(() => {
    const frame = requestAnimationFrame(() => setPalette(readPalette(canvasRef.current!)));
    return () => cancelAnimationFrame(frame);
  }, [theme]);

  useEffect(() => {
    const canvas = canvasRef.current!;
    if (!palette || width === 0) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(HEIGHT * dpr);
    const ctx = canvas.getContext('2d')!;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    drawLossPlot(ctx, series, width, HEIGHT, palette);
  }, [series, width, palette]);

  const names = labels(keys);
  return (
    <figure className="lesson-plot" data-testid="lesson.plot">
      <div className="lesson-plot__canvas">
        <canvas ref={canvasRef} style={{ width, height: HEIGHT }} aria-label="Loss against time" />
      </div>
      <figcaption className="lesson-plot__legend">
        {series.map((s, i) => {
          const last = s.points.at(-1);
          return (
            <span key={s.key} data-testid="lesson.plot.series" data-key={s.key} data-points={s.points.length}>
              <i style={{ background: palette?.lines[i % palette.lines.length] }} />
              {names[i]}
              {last ? `: loss ${last[1].toPrecision(3)} at ${Math.round(last[0])} ms` : ': not run yet'}
            </span>
          );
        })}
      </figcaption>
    </figure>
  );
}
