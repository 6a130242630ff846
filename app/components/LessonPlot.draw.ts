/** The lesson plot's paint: value (log scale, as losses fall by decades) against ms, one line per series. */
export interface Series {
  key: string;
  points: [number, number][];
}

export interface Palette {
  text: string;
  grid: string;
  lines: string[];
}

const LEFT = 40;
const BOTTOM = 16;
const TOP = 6;
const RIGHT = 10;

export function drawLossPlot(ctx: CanvasRenderingContext2D, series: Series[], width: number, height: number, palette: Palette) {
  ctx.clearRect(0, 0, width, height);
  const all = series.flatMap((s) => s.points).filter(([, v]) => v > 0 && Number.isFinite(v));
  const maxMs = Math.max(1, ...all.map(([ms]) => ms));
  const lo = Math.floor(Math.log10(Math.min(1, ...all.map(([, v]) => v))));
  const hi = Math.ceil(Math.log10(Math.max(10, ...all.map(([, v]) => v))));
  const x = (ms: number) => LEFT + (ms / maxMs) * (width - LEFT - RIGHT);
  const y = (v: number) => TOP + ((hi - Math.log10(v)) / (hi - lo)) * (height - TOP - BOTTOM);

  ctx.font = '10px ui-monospace, monospace';
  ctx.lineWidth = 1;
  ctx.strokeStyle = palette.grid;
  ctx.fillStyle = palette.text;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'right';
  for (let d = lo; d <= hi; d++) {
    ctx.beginPath();
    ctx.moveTo(LEFT, y(10 ** d));
    ctx.lineTo(width - RIGHT, y(10 ** d));
    ctx.stroke();
    ctx.fillText(d >= 0 ? String(10 ** d) : (10 ** d).toFixed(-d), LEFT - 4, y(10 ** d));
  }
  ctx.textBaseline = 'bottom';
  ctx.fillText(`${Math.round(maxMs)} ms`, width - RIGHT, height);
  ctx.textAlign = 'left';
  ctx.fillText('0', LEFT, height);

  series.forEach((s, i) => {
    ctx.strokeStyle = palette.lines[i % palette.lines.length]!;
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    s.points.filter(([, v]) => v > 0).forEach(([ms, v], j) => (j === 0 ? ctx.moveTo(x(ms), y(v)) : ctx.lineTo(x(ms), y(v))));
    ctx.stroke();
  });
}
