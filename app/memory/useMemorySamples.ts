import { useEffect, useState } from 'react';
import { usePlayground } from '../store/playground';
import type { Series } from '../lessons/panel/LessonPlot.draw';

/** Often enough to see memory rise and fall; each sample scans the busy Faaslets' memories in the host agent. */
const SAMPLE_MS = 200;

export interface MemorySeries extends Series {
  /** The largest total seen, bytes. */
  peakBytes: number;
}

/**
 * While a call of `user` runs (from Run or Run lesson), the memory its calls hold, measured by the
 * runtime every SAMPLE_MS: (ms since the first sample, bytes) points, one series per run input.
 */
export function useMemorySamples(user: string, enabled: boolean): MemorySeries[] {
  const running = usePlayground((s) =>
    enabled && s.call.phase === 'running' && s.call.function?.startsWith(`${user}/`) ? s.call.function : null,
  );
  const [series, setSeries] = useState<MemorySeries[]>([]);

  useEffect(() => {
    if (!running) return;
    const label = usePlayground.getState().functions[running]?.input.trim() || running;
    const points: [number, number][] = [];
    let first: number | null = null;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const sample = async () => {
      const usage = await usePlayground.getState().measureMemory(user);
      if (stopped || !usage) return;
      first ??= usage.at;
      points.push([usage.at - first, usage.totalBytes]);
      const next = { key: label, points: [...points], peakBytes: Math.max(...points.map(([, b]) => b)) };
      setSeries((before) => {
        const at = before.findIndex((s) => s.key === label);
        return at < 0 ? [...before, next] : before.map((s, i) => (i === at ? next : s));
      });
      timer = setTimeout(() => void sample(), SAMPLE_MS);
    };
    void sample();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [running, user]);

  return series;
}
