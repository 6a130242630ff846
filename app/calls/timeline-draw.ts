/** Paints a timeline layout on a 2D canvas: lanes, queued (light), running (solid), blocked (hatched). */
import type { CallState } from '../store/trace';
import { tickStep, type TimelineLayout } from './timeline';

export const GUTTER = 64;
export const AXIS = 18;
export const LANE = 16;
const BAR = 11;

export interface Palette {
  text: string;
  dim: string;
  grid: string;
  running: string;
  ok: string;
  bad: string;
  warn: string;
}

export function colourOf(state: CallState, p: Palette): string {
  if (state === 'ok') return p.ok;
  if (state === 'killed' || state === 'stopped') return p.warn;
  if (state === 'failed' || state === 'trapped' || state === 'refused') return p.bad;
  return state === 'queued' ? p.dim : p.running;
}

/** Maps a time to an x position and back. */
export function timeScale(layout: TimelineLayout, width: number) {
  const span = layout.end - layout.start;
  const px = Math.max(width - GUTTER - 8, 1);
  return {
    x: (t: number) => GUTTER + ((t - layout.start) / span) * px,
    t: (x: number) => layout.start + ((x - GUTTER) / px) * span,
  };
}

export function drawTimeline(
  ctx: CanvasRenderingContext2D,
  layout: TimelineLayout,
  width: number,
  p: Palette,
  selected: number | null,
): void {
  const height = AXIS + layout.lanes.length * LANE;
  const { x } = timeScale(layout, width);
  ctx.clearRect(0, 0, width, height);
  ctx.font = '10px ui-monospace, Menlo, Consolas, monospace';
  ctx.textBaseline = 'middle';

  const span = layout.end - layout.start;
  const step = tickStep(span, width - GUTTER);
  ctx.fillStyle = p.dim;
  for (let t = 0; t <= span; t += step) {
    const tx = Math.round(x(layout.start + t)) + 0.5;
    ctx.fillRect(tx, AXIS - 4, 1, height);
    ctx.fillText(step < 1 ? `${t.toFixed(1)} ms` : `${Math.round(t)} ms`, tx + 3, 7);
  }
  ctx.fillStyle = p.grid;
  layout.lanes.forEach((lane, i) => {
    const y = AXIS + i * LANE;
    if (i > 0 && lane.host !== layout.lanes[i - 1]!.host) ctx.fillRect(0, y, width, 1);
    ctx.fillStyle = p.text;
    ctx.fillText(lane.label, 4, y + LANE / 2);
    ctx.fillStyle = p.grid;
  });

  const hatch = hatchPattern(ctx, p.text);
  for (const bar of layout.bars) {
    const y = AXIS + bar.lane * LANE + (LANE - BAR) / 2;
    const colour = colourOf(bar.state, p);
    const runFrom = bar.startedAt ?? bar.end;
    ctx.fillStyle = colour;
    // Queued time, lighter.
    ctx.globalAlpha = 0.3;
    ctx.fillRect(x(bar.queuedAt), y + 3, Math.max(x(runFrom) - x(bar.queuedAt), bar.startedAt ? 0 : 2), BAR - 6);
    ctx.globalAlpha = 1;
    if (bar.startedAt === null) continue;
    const x0 = x(bar.startedAt);
    ctx.fillRect(x0, y, Math.max(x(bar.end) - x0, 1.5), BAR);
    // Awaiting another call: dimmer and hatched.
    for (const [from, to] of bar.blocked) {
      const bx = x(from);
      const bw = Math.max(x(to) - bx, 1);
      ctx.fillStyle = 'rgba(0, 0, 0, 0.35)';
      ctx.fillRect(bx, y, bw, BAR);
      if (hatch) {
        ctx.fillStyle = hatch;
        ctx.fillRect(bx, y, bw, BAR);
      }
    }
    if (bar.callId === selected) {
      ctx.strokeStyle = p.text;
      ctx.lineWidth = 1.5;
      ctx.strokeRect(x0 - 1, y - 1, Math.max(x(bar.end) - x0, 1.5) + 2, BAR + 2);
    }
  }
}

function hatchPattern(ctx: CanvasRenderingContext2D, colour: string): CanvasPattern | null {
  const tile = document.createElement('canvas');
  tile.width = tile.height = 6;
  const t = tile.getContext('2d')!;
  t.strokeStyle = colour;
  t.globalAlpha = 0.55;
  t.lineWidth = 1;
  t.beginPath();
  t.moveTo(0, 6);
  t.lineTo(6, 0);
  t.stroke();
  return ctx.createPattern(tile, 'repeat');
}
