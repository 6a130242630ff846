/**
 * The lesson plots' paint: values against ms, one line per series. Losses use a log scale (they
 * fall by decades), memory a linear one from zero.
 */
export interface Series {
  key: string;
  points: [number, number][];
}

export interface Palette {
  text: string;
  grid: string;
  lines: string[];
}

export interface Axis {
  scale: 'log' | 'linear';
  format(value: number): string;
}

const LEFT = 60;
const BOTTOM = 18;
const TOP = 6;
const RIGHT = 10;

/** A round step (1, 2 or 5 × 10^n) that splits [0, max] into at most 4 parts. */
function niceStep(max: number): number {
  const raw = max / 4;
  const decade = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * decade).find((s) => s >= raw)!;
}

/** The y range and its grid lines. */
function yTicks(values: number[], scale: Axis['scale']): { lo: number; hi: number; ticks: number[] } {
  if (scale === 'log') {
    const positive = values.filter((v) => v > 0);
    const lo = Math.floor(Math.log10(Math.min(1, ...positive)));
    const hi = Math.ceil(Math.log10(Math.max(10, ...positive)));
    return { lo, hi, ticks: Array.from({ length: hi - lo + 1 }, (_, i) => 10 ** (lo + i)) };
  }
  const step = niceStep(Math.max(1, ...values));
  const hi = Math.ceil(Math.max(1, ...values) / step) * step;
  return { lo: 0, hi, ticks: Array.from({ length: Math.round(hi / step) + 1 }, (_, i) => i * step) };
}

export function drawPlot(
  ctx: CanvasRenderingContext2D,
  series: Series[],
  colors: string[],
  width: number,
  height: number,
  palette: Palette,
  axis: Axis,
) {
  ctx.clearRect(0, 0, width, height);
  const drawn = series.map((s) => s.points.filter(([, v]) => Number.isFinite(v) && (axis.scale === 'linear' || v > 0)));
  const all = drawn.flat();
  const maxMs = Math.max(1, ...all.map(([ms]) => ms));
  const { lo, hi, ticks } = yTicks(all.map(([, v]) => v), axis.scale);
  const toUnit = (v: number) => (axis.scale === 'log' ? Math.log10(v) : v);
  const x = (ms: number) => LEFT + (ms / maxMs) * (width - LEFT - RIGHT);
  const y = (v: number) => TOP + ((hi - toUnit(v)) / (hi - lo)) * (height - TOP - BOTTOM);

  // 12 px at normal size: readable from the back of a room once large text zooms it.
  ctx.font = '12px ui-monospace, monospace';
  ctx.lineWidth = 1;
  ctx.strokeStyle = palette.grid;
  ctx.fillStyle = palette.text;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'right';
  for (const tick of ticks) {
    ctx.beginPath();
    ctx.moveTo(LEFT, y(tick));
    ctx.lineTo(width - RIGHT, y(tick));
    ctx.stroke();
    ctx.fillText(axis.format(tick), LEFT - 4, y(tick));
  }
  ctx.textBaseline = 'bottom';
  ctx.fillText(`${Math.round(maxMs)} ms`, width - RIGHT, height);
  ctx.textAlign = 'left';
  ctx.fillText('0', LEFT, height);
  ctx.textAlign = 'center';
  ctx.fillText('time since the call started', (LEFT + width - RIGHT) / 2, height);

  drawn.forEach((points, i) => {
    ctx.strokeStyle = colors[i]!;
    ctx.lineWidth = 2;
    ctx.beginPath();
    points.forEach(([ms, v], j) => (j === 0 ? ctx.moveTo(x(ms), y(v)) : ctx.lineTo(x(ms), y(v))));
    ctx.stroke();
  });
}
