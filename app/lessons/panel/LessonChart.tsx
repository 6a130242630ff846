import { useEffect, useRef, useState, type ReactNode } from 'react';
import { usePlayground } from '../../store/playground';
import { drawPlot, type Axis, type Palette, type Series } from './LessonPlot.draw';
import { useParentWidth } from '../../ui/useParentWidth';

const HEIGHT = 150;

function readPalette(el: Element): Palette {
  const css = getComputedStyle(el);
  const v = (name: string) => css.getPropertyValue(name).trim();
  return { text: v('--text-dim'), grid: v('--border'), lines: [v('--accent'), v('--warn'), v('--ok'), v('--danger')] };
}

/** One canvas of the lesson plot: its series (each with a palette slot) and a legend below. */
export function LessonChart(props: {
  title: string;
  series: Series[];
  /** Each series' slot in the palette, so one variant has one colour in every chart. */
  slots: number[];
  axis: Axis;
  testId: string;
  /** One entry per series, in order. */
  legend: ReactNode[];
}) {
  const { title, series, slots, axis, testId, legend } = props;
  const theme = usePlayground((s) => s.theme);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const width = useParentWidth(canvasRef);
  const [palette, setPalette] = useState<Palette | null>(null);

  // A frame later: App applies the theme in its own effect (as CallTimeline does).
  useEffect(() => {
    const frame = requestAnimationFrame(() => setPalette(readPalette(canvasRef.current!)));
    return () => cancelAnimationFrame(frame);
  }, [theme]);

  const colorOf = (slot: number) => palette?.lines[slot % palette.lines.length];
  useEffect(() => {
    const canvas = canvasRef.current!;
    if (!palette || width === 0) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(HEIGHT * dpr);
    const ctx = canvas.getContext('2d')!;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    drawPlot(ctx, series, slots.map((slot) => palette.lines[slot % palette.lines.length]!), width, HEIGHT, palette, axis);
  }, [series, slots, width, palette, axis]);

  return (
    <figure className="lesson-chart" data-testid={testId}>
      <div className="lesson-chart__canvas">
        <canvas ref={canvasRef} style={{ width, height: HEIGHT }} aria-label={title} />
      </div>
      <figcaption className="lesson-chart__legend">
        <span className="lesson-chart__title">{title}</span>
        {legend.map((entry, i) => (
          <span key={i} className="lesson-chart__entry">
            <i style={{ background: colorOf(slots[i] ?? i) }} />
            {entry}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
