/**
 * Faasm's scheduling rule as pure logic: a chained call stays on its caller's host while that
 * host has a free slot (so it shares the caller's local tier of state, as in Faasm); else it
 * goes to a host that has an idle warm Faaslet of its function; else to the host with most free
 * slots (a cold start there); else it queues.
 * Blocked Faaslets (awaiting another call) hold no slot, so a chain cannot starve itself.
 */
import type { ClusterConfig, FaasletState } from '../api';

export interface FaasletLoad {
  id: number;
  function: string | null;
  state: FaasletState;
}

export interface HostLoad {
  id: number;
  slots: number;
  faaslets: FaasletLoad[];
}

export type Decision =
  | { kind: 'warm'; host: number; faaslet: number; reason: string }
  /** faaslet null: no idle Worker on that host, so a new one must be started. */
  | { kind: 'cold'; host: number; faaslet: number | null; reason: string }
  | { kind: 'queued'; reason: string };

export const running = (host: HostLoad) => host.faaslets.filter((f) => f.state === 'running').length;
export const freeSlots = (host: HostLoad) => host.slots - running(host);

/** Hosts with a free slot, most free first (lowest id breaks ties, so placement is stable). */
const byFreeSlots = (hosts: readonly HostLoad[]) =>
  hosts.filter((h) => freeSlots(h) > 0).sort((a, b) => freeSlots(b) - freeSlots(a) || a.id - b.id);

export function place(
  fn: string,
  hosts: readonly HostLoad[],
  canStartFaaslet: boolean,
  callerHost: number | null = null,
): Decision {
  const open = byFreeSlots(hosts);
  const local = open.find((h) => h.id === callerHost);
  const decision = (local && placeOn([local], fn, canStartFaaslet, ", the caller's host")) ?? placeOn(open, fn, canStartFaaslet, '');
  if (decision) return decision;
  const slots = hosts.reduce((sum, h) => sum + h.slots, 0);
  return {
    kind: 'queued',
    reason: open.length > 0 ? 'the page holds as many live Faaslets as it can; waiting for one' : `all ${slots} slots are busy`,
  };
}

function placeOn(open: readonly HostLoad[], fn: string, canStartFaaslet: boolean, why: string): Decision | null {
  for (const host of open) {
    const warm = host.faaslets.find((f) => f.state === 'idle' && f.function === fn);
    if (warm) {
      return { kind: 'warm', host: host.id, faaslet: warm.id, reason: `idle warm Faaslet of ${fn} on host ${host.id}${why}` };
    }
  }
  for (const host of open) {
    const idle =
      host.faaslets.find((f) => f.state === 'idle' && f.function === null) ??
      host.faaslets.find((f) => f.state === 'idle');
    const free = `${freeSlots(host)} of ${host.slots} slots free${why}`;
    if (idle) {
      return { kind: 'cold', host: host.id, faaslet: idle.id, reason: `no warm Faaslet of ${fn}; host ${host.id} has ${free}` };
    }
    if (canStartFaaslet) {
      return { kind: 'cold', host: host.id, faaslet: null, reason: `no idle Faaslet; host ${host.id} has ${free}, starting one` };
    }
  }
  return null;
}

/** Why a new call must be refused, or null. */
export function limitExceeded(depth: number, pendingOfUser: number, config: ClusterConfig): string | null {
  if (depth > config.maxCallDepth) {
    return `refused: chain depth ${depth} exceeds the limit of ${config.maxCallDepth} (a chain bomb?)`;
  }
  if (pendingOfUser >= config.maxPendingPerUser) {
    return `refused: ${pendingOfUser} calls of this user are already pending (limit ${config.maxPendingPerUser})`;
  }
  return null;
}
