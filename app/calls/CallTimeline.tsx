import { useEffect, useMemo, useRef, useState } from 'react';
import { formatMs } from '../lib/bytes';
import { timed } from '../lib/frame-timing';
import { AXIS, drawTimeline, LANE, timeScale, type Palette } from './timeline-draw';
import { layoutTimeline, type Bar, type TimelineLayout } from './timeline';
import { usePlayground } from '../store/playground';
import { isFinished } from '../store/trace';
import { useParentWidth } from '../ui/useParentWidth';
import './CallTimeline.css';

const now = () => performance.timeOrigin + performance.now();
const GROW_MS = 200;
const palettes = new Map<string, Palette>();

function readPalette(el: Element): Palette {
  const css = getComputedStyle(el);
  const v = (name: string) => css.getPropertyValue(name).trim();
  return { text: v('--text'), dim: v('--text-dim'), grid: v('--border'), running: v('--accent'), ok: v('--ok'), bad: v('--danger'), warn: v('--warn') };
}

/**
 * Every call of the run on every host, on a canvas: one lane per Faaslet, bars from start to
 * finish, queued time lighter, awaiting hatched. A thousand bars are one paint, not a thousand nodes.
 */
export function CallTimeline() {
  const trace = usePlayground((s) => s.trace);
  const selected = usePlayground((s) => s.selectedCallId);
  const theme = usePlayground((s) => s.theme);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const width = useParentWidth(canvasRef);
  const [hover, setHover] = useState<{ bar: Bar; x: number; y: number } | null>(null);
  const active = useMemo(() => [...trace.nodes.values()].some((n) => !isFinished(n.state)), [trace]);
  const layout = useMemo(() => timed('timeline.layout', () => layoutTimeline(trace.nodes.values(), active ? now() : 0)), [trace, active]);
  // The latest painted layout: while calls run, bars grow between renders.
  const painted = useRef(layout);


  // Reading CSS forces a style recalc of the page: once per theme, not once per paint or mount. A
  // frame later, because App applies the theme in its own effect, which runs after this one.
  const [palette, setPalette] = useState<Palette | null>(() => palettes.get(theme) ?? null);
  const shown = width > 0;
  useEffect(() => {
    if (!shown) return;
    const known = palettes.get(theme);
    if (known) return setPalette(known);
    const frame = requestAnimationFrame(() => {
      const read = readPalette(canvasRef.current!);
      palettes.set(theme, read);
      setPalette(read);
    });
    return () => cancelAnimationFrame(frame);
  }, [theme, shown]);

  const height = AXIS + Math.max(layout.lanes.length, 1) * LANE;
  useEffect(() => {
    const canvas = canvasRef.current!;
    if (!palette || !shown) return; // hidden: nothing to paint, and a 0-sized canvas cannot be drawn from
    const dpr = window.devicePixelRatio || 1;
    // Resizing a canvas reallocates its bitmap: only when the size changes.
    const [w, h] = [Math.round(width * dpr), Math.round(height * dpr)];
    if (canvas.width !== w || canvas.height !== h) [canvas.width, canvas.height] = [w, h];
    const ctx = canvas.getContext('2d')!;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const paint = (next: TimelineLayout) => {
      painted.current = next;
      timed('timeline.draw', () => drawTimeline(ctx, next, width, palette, selected));
    };
    paint(layout);
    if (!active) return;
    // Running bars grow a few times a second, painted without a React render: the Faaslets
    // share the machine's cores with this thread.
    const timer = setInterval(() => {
      paint(timed('timeline.layout', () => layoutTimeline(usePlayground.getState().trace.nodes.values(), now())));
    }, GROW_MS);
    return () => clearInterval(timer);
  }, [layout, active, width, height, selected, palette, shown]);

  const barAt = (clientX: number, clientY: number): { bar: Bar; x: number; y: number } | null => {
    const layout = painted.current;
    const rect = canvasRef.current!.getBoundingClientRect();
    const x = clientX - rect.left;
    const lane = Math.floor((clientY - rect.top - AXIS) / LANE);
    const slack = (layout.end - layout.start) / Math.max(width, 1) * 3; // a few pixels either side
    const t = timeScale(layout, width).t(x);
    const bar = layout.bars.find((b) => b.lane === lane && t >= b.queuedAt - slack && t <= b.end + slack);
    return bar ? { bar, x: clientX, y: clientY } : null;
  };

  return (
    <div className="call-timeline" data-testid="calls.timeline" data-calls={layout.bars.length}>
      <canvas
        ref={canvasRef}
        style={{ width, height }}
        onMouseMove={(e) => setHover(barAt(e.clientX, e.clientY))}
        onMouseLeave={() => setHover(null)}
        onClick={(e) => {
          const hit = barAt(e.clientX, e.clientY);
          if (hit) usePlayground.getState().selectCall(hit.bar.callId);
        }}
      />
      {hover && <BarTooltip {...hover} start={painted.current.start} flip={hover.x > window.innerWidth - 340} />}
    </div>
  );
}

/** Fixed to the viewport, so the timeline's scroll box does not clip it. */
function BarTooltip({ bar, x, y, start, flip }: { bar: Bar; x: number; y: number; start: number; flip: boolean }) {
  const node = usePlayground((s) => s.trace.nodes.get(bar.callId));
  if (!node) return null;
  const blockedMs = bar.blocked.reduce((sum, [from, to]) => sum + (to - from), 0);
  const ranFrom = bar.startedAt ?? bar.end;
  return (
    <div className="call-timeline__tooltip" style={{ left: x + (flip ? -12 : 12), top: y + 10, transform: flip ? 'translateX(-100%)' : undefined }} role="tooltip">
      <strong>{node.function}</strong> #{node.callId} · {node.state}
      <br />
      {node.host === null || node.startedAt === null ? 'not started' : `host ${node.host} · Faaslet ${node.faaslet} · ${node.startKind}`}
      <br />
      queued +{formatMs(bar.queuedAt - start)}, waited {formatMs(ranFrom - bar.queuedAt)}
      {bar.startedAt !== null && `, ran ${formatMs(bar.end - bar.startedAt)}`}
      {blockedMs > 0 && `, awaiting ${formatMs(blockedMs)}`}
    </div>
  );
}
