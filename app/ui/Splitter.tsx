import { useCallback, useRef, useState } from 'react';

interface SplitterProps {
  /** The left pane's share of the container, 0..1. */
  fraction: number;
  onChange(fraction: number): void;
}

const clamp = (f: number) => Math.min(0.8, Math.max(0.2, f));

const storageKey = (pane: string) => `faaslet-playground.pane.${pane}`;

/**
 * A pane's share, kept in localStorage so a reload shows the panes as the person left them.
 * A missing, unreadable or out-of-range value gives the default.
 */
export function usePaneFraction(pane: string, initial: number): [number, (fraction: number) => void] {
  const [fraction, setFraction] = useState(() => {
    const stored = Number(localStorage.getItem(storageKey(pane)) ?? NaN);
    return Number.isFinite(stored) && stored === clamp(stored) ? stored : initial;
  });
  const set = useCallback(
    (next: number) => {
      setFraction(next);
      try {
        localStorage.setItem(storageKey(pane), String(next));
      } catch {
        // A full storage keeps the size for this visit only; the workspace's own save says why.
      }
    },
    [pane],
  );
  return [fraction, set];
}

/** A vertical bar between the editor and the output, dragged with the pointer or arrow keys. */
export function Splitter({ fraction, onChange }: SplitterProps) {
  const dragging = useRef(false);

  return (
    <div
      className="splitter"
      role="separator"
      aria-orientation="vertical"
      aria-valuenow={Math.round(fraction * 100)}
      aria-valuemin={20}
      aria-valuemax={80}
      aria-label="Resize editor and output"
      tabIndex={0}
      onPointerDown={(e) => {
        dragging.current = true;
        e.currentTarget.setPointerCapture(e.pointerId);
      }}
      onPointerMove={(e) => {
        if (!dragging.current) return;
        const container = e.currentTarget.parentElement!.getBoundingClientRect();
        onChange(clamp((e.clientX - container.left) / container.width));
      }}
      onPointerUp={() => (dragging.current = false)}
      onKeyDown={(e) => {
        if (e.key === 'ArrowLeft') onChange(clamp(fraction - 0.02));
        if (e.key === 'ArrowRight') onChange(clamp(fraction + 0.02));
      }}
    />
  );
}
