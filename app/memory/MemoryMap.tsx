import { useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import { SHARED_WINDOW_BASE, type FaasletInspection } from '../../runtime';
import { pageColumns, privateRegions, regionAt, windowExtent, windowRegions, PAGE, type Region } from '../lib/memory-map';
import { timed } from '../lib/frame-timing';
import { formatKib } from '../lib/bytes';
import { usePlayground } from '../store/playground';
import type { LiveMemory } from './MemoryPanel';
import { useParentWidth } from '../ui/useParentWidth';

const BAR = 22;
const TICKS = 5;
const ROW = 16 + TICKS + BAR + 10;

interface Colours {
  text: string;
  dim: string;
  stack: string;
  data: string;
  heap: string;
  key: string;
  changed: string;
  empty: string;
}

function readColours(el: Element): Colours {
  const css = getComputedStyle(el);
  const v = (name: string) => css.getPropertyValue(name).trim();
  return { text: v('--text'), dim: v('--text-dim'), stack: v('--warn-bg'), data: v('--ok-bg'), heap: v('--accent-bg'), key: v('--accent'), changed: v('--warn'), empty: v('--bg-sunken') };
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toLocaleString(undefined, { maximumFractionDigits: 2 })} MiB`;

/**
 * The Faaslet's address space on a canvas: memory 0 (its own scale) with stack, data and heap and
 * the pages written since its Proto-Faaslet marked above; the shared window (the arena's scale)
 * with each mapped key where it lives. Pages are aggregated to pixels, so size does not matter.
 */
export function MemoryMap({ inspection, live, onPick }: { inspection: FaasletInspection; live: LiveMemory; onPick: (address: number) => void }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const theme = usePlayground((s) => s.theme);
  const width = useParentWidth(canvasRef);
  const [colours, setColours] = useState<Colours | null>(null);
  const privateBars = useMemo(() => privateRegions(inspection.layout, live.size), [inspection.layout, live.size]);
  const windowBars = useMemo(() => windowRegions(live.keys, live.arenaBytes), [live.keys, live.arenaBytes]);
  // The arena is mostly unused: draw up to its last key (at least 4 KiB), so small keys are visible.
  const shownWindow = useMemo(() => windowExtent(windowBars, live.arenaBytes), [windowBars, live.arenaBytes]);

  useEffect(() => {
    const frame = requestAnimationFrame(() => setColours(readColours(canvasRef.current!)));
    return () => cancelAnimationFrame(frame);
  }, [theme]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !colours || width === 0) return;
    timed('memory-map.draw', () => draw(canvas));
  }, [width, colours, live, privateBars, windowBars, shownWindow]);

  function draw(canvas: HTMLCanvasElement) {
    if (!colours) return;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = width * ratio;
    canvas.height = ROW * 2 * ratio;
    const ctx = canvas.getContext('2d')!;
    ctx.scale(ratio, ratio);
    ctx.font = '11px system-ui, sans-serif';
    const row = (y: number, title: string, bytes: number, regions: Region[], marks: Uint8Array | null) => {
      ctx.fillStyle = colours.dim;
      ctx.fillText(title, 0, y + 11);
      const top = y + 16;
      if (marks) {
        ctx.fillStyle = colours.changed;
        marks.forEach((on, x) => on && ctx.fillRect(x, top, 1, TICKS - 1));
      }
      ctx.fillStyle = colours.empty;
      ctx.fillRect(0, top + TICKS, width, BAR);
      for (const r of regions) {
        const x0 = (r.start / Math.max(bytes, 1)) * width;
        const w = Math.max(1, ((r.end - r.start) / Math.max(bytes, 1)) * width);
        ctx.fillStyle = colours[r.kind === 'key' ? 'key' : r.kind === 'free' ? 'empty' : r.kind];
        ctx.fillRect(x0, top + TICKS, w, BAR);
        if (w > ctx.measureText(r.label).width + 6) {
          ctx.fillStyle = r.kind === 'key' ? colours.empty : colours.text;
          ctx.fillText(r.label, x0 + 3, top + TICKS + 15);
        }
      }
    };
    row(0, `memory 0 · private · ${mib(live.size)} (0x00000000 …)`, live.size, privateBars, pageColumns(live.changed, live.size / PAGE, width));
    row(ROW, `shared window · first ${formatKib(shownWindow)} of the ${mib(live.arenaBytes)} arena (0x80000000 …)`, shownWindow, windowBars, null);
  }

  const pick = (event: MouseEvent<HTMLCanvasElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    const x = event.clientX - rect.left;
    const inWindow = event.clientY - rect.top >= ROW;
    const bytes = inWindow ? shownWindow : live.size;
    if (bytes === 0) return;
    const region = regionAt(inWindow ? windowBars : privateBars, x, width, bytes);
    const offset = region?.kind === 'key' ? region.start : Math.floor(((x / width) * bytes) / 16) * 16;
    onPick((inWindow ? SHARED_WINDOW_BASE : 0) + offset);
  };

  return (
    <div className="memory-map">
      <canvas
        ref={canvasRef}
        data-testid="memory.map"
        style={{ width: '100%', height: ROW * 2 }}
        role="img"
        aria-label={`Memory 0: ${privateBars.map((r) => r.label).join(', ')}; shared window: ${windowBars.map((r) => r.label).join(', ') || 'no keys'}`}
        onClick={pick}
      />
      <p className="memory-map__legend">
        <span className="memory-map__swatch memory-map__swatch--stack" /> stack
        <span className="memory-map__swatch memory-map__swatch--data" /> data
        <span className="memory-map__swatch memory-map__swatch--heap" /> heap
        <span className="memory-map__swatch memory-map__swatch--changed" /> written since the Proto-Faaslet
        <span className="memory-map__swatch memory-map__swatch--key" /> state key · click to inspect
      </p>
    </div>
  );
}
