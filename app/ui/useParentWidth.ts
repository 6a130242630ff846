import { useEffect, useState, type RefObject } from 'react';

/** The width of a canvas's parent, kept current: the canvases size their bitmaps from it. */
export function useParentWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry!.contentRect.width)));
    observer.observe(ref.current!.parentElement!);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}
