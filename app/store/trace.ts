/**
 * The calls one run made, built from runtime events: a tree by parent id, with each call's
 * placements, Faaslet, timings and blocked intervals. Pure: a batch of events in, a new trace
 * out, and only the calls an event touched get new objects (so unchanged tree rows skip render).
 */
import type { CallResult, CallStatus, Placement, RuntimeEvent, StartKind, Timestamp } from '../../runtime';

export type CallState = 'queued' | 'running' | 'blocked' | CallStatus;

export interface BlockedSpan {
  from: Timestamp;
  /** null while still blocked. */
  to: Timestamp | null;
  awaiting: number;
}

export interface CallNode {
  callId: number;
  parentId: number | null;
  /** 0 for the root. */
  depth: number;
  function: string;
  state: CallState;
  /** Every decision the scheduler made for it (queued, then warm or cold; or refused). */
  placements: Placement[];
  host: number | null;
  faaslet: number | null;
  startKind: StartKind | null;
  /** The named snapshot it started from (call.started); absent: the Proto-Faaslet. */
  snapshot?: string;
  /** How long its Faaslet took to start it (cold, restored or warm), ms. */
  startMs: number | null;
  queuedAt: Timestamp;
  startedAt: Timestamp | null;
  finishedAt: Timestamp | null;
  blocked: BlockedSpan[];
  children: number[];
  result: CallResult | null;
}

export interface CallTrace {
  /** The call Run made (parentId null), once the runtime has reported it. */
  rootId: number | null;
  /** The run has called the runtime and the next call from the page is its root. */
  awaitingRoot: boolean;
  nodes: ReadonlyMap<number, CallNode>;
}

export const emptyTrace: CallTrace = { rootId: null, awaitingRoot: false, nodes: new Map() };

export function isFinished(state: CallState): state is CallStatus {
  return state !== 'queued' && state !== 'running' && state !== 'blocked';
}

type Facts = { callId: number; parentId: number | null; function: string; at: Timestamp };

/** Applies a batch of events; returns the same trace when none of them concerned this run. */
export function applyEvents(trace: CallTrace, events: readonly RuntimeEvent[]): CallTrace {
  let nodes: Map<number, CallNode> | null = null;
  let { rootId, awaitingRoot } = trace;
  const copied = new Set<number>();

  const read = (id: number) => (nodes ?? trace.nodes).get(id);
  const edit = (id: number): CallNode | undefined => {
    const node = read(id);
    if (!node) return undefined;
    nodes ??= new Map(trace.nodes);
    if (copied.has(id)) return node;
    const copy = { ...node };
    nodes.set(id, copy);
    copied.add(id);
    return copy;
  };

  /** The call's node, created when it is this run's root or a child of one of its calls. */
  const nodeFor = (facts: Facts): CallNode | undefined => {
    if (read(facts.callId)) return edit(facts.callId);
    const parent = facts.parentId === null ? undefined : edit(facts.parentId);
    const isRoot = facts.parentId === null && awaitingRoot && rootId === null;
    if (!parent && !isRoot) return undefined;
    if (isRoot) {
      rootId = facts.callId;
      awaitingRoot = false;
    }
    if (parent) parent.children = [...parent.children, facts.callId];
    const node: CallNode = {
      callId: facts.callId, parentId: facts.parentId, depth: parent ? parent.depth + 1 : 0,
      function: facts.function, state: 'queued', placements: [], host: null, faaslet: null,
      startKind: null, startMs: null, queuedAt: facts.at, startedAt: null, finishedAt: null, blocked: [], children: [], result: null,
    };
    nodes ??= new Map(trace.nodes);
    nodes.set(node.callId, node);
    copied.add(node.callId);
    return node;
  };

  for (const event of events) {
    switch (event.type) {
      case 'call.placed': {
        const p = event.placement;
        const node = nodeFor(p);
        if (!node) break;
        node.placements = [...node.placements, p];
        if (p.host !== null) node.host = p.host;
        if (p.kind === 'refused') node.state = 'refused';
        break;
      }
      case 'call.started': {
        const node = nodeFor(event);
        // A call's end is final: a late report of a stopped call changes nothing.
        if (!node || isFinished(node.state)) break;
        const { host, faaslet, startKind, startMs, at, snapshot } = event;
        Object.assign(node, { state: 'running', host, faaslet, startKind, startMs, startedAt: at, snapshot });
        break;
      }
      case 'call.blocked': {
        const node = edit(event.callId);
        if (!node || isFinished(node.state)) break;
        node.state = 'blocked';
        node.blocked = [...node.blocked, { from: event.at, to: null, awaiting: event.awaiting }];
        break;
      }
      case 'call.resumed': {
        const node = edit(event.callId);
        if (!node || isFinished(node.state)) break;
        node.state = 'running';
        node.blocked = node.blocked.map((span) => (span.to === null ? { ...span, to: event.at } : span));
        break;
      }
      case 'call.finished': {
        const r = event.result;
        const node = nodeFor({ ...r, at: r.queuedAt });
        if (node) finish(node, r);
        break;
      }
    }
  }
  if (!nodes && rootId === trace.rootId && awaitingRoot === trace.awaitingRoot) return trace;
  return { rootId, awaitingRoot, nodes: nodes ?? trace.nodes };
}

function finish(node: CallNode, r: CallResult): void {
  const ran = r.host >= 0;
  Object.assign(node, {
    state: r.status,
    result: r,
    host: ran ? r.host : node.host,
    faaslet: ran ? r.faaslet : node.faaslet,
    startKind: ran ? r.startKind : node.startKind,
    startMs: ran ? r.startMs : node.startMs,
    queuedAt: r.queuedAt,
    startedAt: ran ? r.startedAt : null,
    finishedAt: r.finishedAt,
  });
  // A call ended while blocked (killed, stopped) is blocked no longer.
  node.blocked = node.blocked.map((span) => (span.to === null ? { ...span, to: r.finishedAt } : span));
}
