/** Lays out a run's calls for the timeline: one lane per Faaslet (grouped by host), one bar per call. Pure. */
import type { Timestamp } from '../../runtime';
import { isFinished, type CallNode, type CallState } from '../store/trace';

export interface Lane {
  host: number | null;
  faaslet: number | null;
  label: string;
}

export interface Bar {
  callId: number;
  lane: number;
  queuedAt: Timestamp;
  /** null: it never started (refused, or still queued). */
  startedAt: Timestamp | null;
  end: Timestamp;
  blocked: [Timestamp, Timestamp][];
  state: CallState;
}

export interface TimelineLayout {
  lanes: Lane[];
  bars: Bar[];
  start: Timestamp;
  end: Timestamp;
}

const NOT_RUN = 'not started';

/** `now` ends the bars of calls still running or blocked. */
export function layoutTimeline(nodes: Iterable<CallNode>, now: Timestamp): TimelineLayout {
  const laneIndex = new Map<string, Lane>();
  const placed: { node: CallNode; lane: Lane }[] = [];
  for (const node of nodes) {
    const ran = node.faaslet !== null && node.startedAt !== null;
    const id = ran ? `${node.host}:${node.faaslet}` : NOT_RUN;
    let lane = laneIndex.get(id);
    if (!lane) {
      lane = ran ? { host: node.host, faaslet: node.faaslet, label: `h${node.host} · f${node.faaslet}` } : { host: null, faaslet: null, label: NOT_RUN };
      laneIndex.set(id, lane);
    }
    placed.push({ node, lane });
  }
  // Host by host, Faaslet by Faaslet; calls that never ran last.
  const order = (l: Lane) => (l.host === null ? [Infinity, 0] : [l.host, l.faaslet ?? 0]);
  const lanes = [...laneIndex.values()].sort((a, b) => {
    const [ha, fa] = order(a);
    const [hb, fb] = order(b);
    return ha! - hb! || fa! - fb!;
  });
  const indexOf = new Map(lanes.map((lane, i) => [lane, i]));

  let start = Infinity;
  let end = -Infinity;
  const bars = placed.map(({ node, lane }): Bar => {
    const finishedAt = isFinished(node.state) ? (node.finishedAt ?? now) : now;
    start = Math.min(start, node.queuedAt);
    end = Math.max(end, finishedAt);
    return {
      callId: node.callId,
      lane: indexOf.get(lane)!,
      queuedAt: node.queuedAt,
      startedAt: node.startedAt,
      end: finishedAt,
      blocked: node.blocked.map((span) => [span.from, span.to ?? finishedAt]),
      state: node.state,
    };
  });
  if (!bars.length) start = end = now;
  return { lanes, bars, start, end: Math.max(end, start + 1) };
}

/** Tick spacing (ms) that puts labels about `minGapPx` apart: 1, 2 or 5 × a power of ten. */
export function tickStep(spanMs: number, widthPx: number, minGapPx = 80): number {
  const raw = (spanMs * minGapPx) / Math.max(widthPx, 1);
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * power).find((step) => step >= raw)!;
}
