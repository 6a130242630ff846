import { useEffect, useMemo, useState } from 'react';
import { LocalTierReader, SHARED_WINDOW_BASE, type ArenaKeyInfo, type LocalTier } from '../../runtime';
import { formatSize, hexDump } from '../lib/bytes';
import { parseKey } from '../lib/function-key';
import { usePlayground } from '../store/playground';
import { GlobalTierView } from './GlobalTierView';
import './StateView.css';

/** Redraws per second: the bytes are read straight from the shared arena, so this is cheap. */
const REFRESH_MS = 250;
const SHOWN_BYTES = 256;

const readers = new WeakMap<LocalTier, LocalTierReader>();
const readerOf = (tier: LocalTier) => {
  let reader = readers.get(tier);
  if (!reader) readers.set(tier, (reader = new LocalTierReader(tier.arena)));
  return reader;
};

interface Snapshot {
  keys: ArenaKeyInfo[];
  capacity: number;
  bytes: Uint8Array | null;
}

function useLiveTier(tier: LocalTier | null, key: string | null, active: boolean): Snapshot | null {
  const [snapshot, setSnapshot] = useState<Snapshot | null>(null);
  useEffect(() => {
    if (!tier || !active) return;
    const reader = readerOf(tier);
    const read = () =>
      setSnapshot({ keys: reader.keys(), capacity: reader.capacity, bytes: key ? reader.read(key, 0, SHOWN_BYTES) : null });
    read();
    const timer = setInterval(read, REFRESH_MS);
    return () => clearInterval(timer);
  }, [tier, key, active]);
  return tier ? snapshot : null;
}

const hex = (n: number) => `0x${n.toString(16).padStart(8, '0')}`;
/** Dirty chunks: one range by where it is, several by how many bytes in how many ranges. */
function dirtyText({ dirty }: ArenaKeyInfo): string {
  if (typeof dirty === 'string') return dirty;
  if (dirty.length === 1) return `${formatSize(dirty[0]!.length)} at +${dirty[0]!.offset}`;
  return `${formatSize(dirty.reduce((sum, r) => sum + r.length, 0))} in ${dirty.length} ranges`;
}
/** The global version this copy was last pulled or pushed at, flagged stale when the global tier has moved on. */
function syncedText({ globalVersion }: ArenaKeyInfo, global: number | undefined): string {
  if (globalVersion === 0) return '—';
  return global !== undefined && global > globalVersion ? `v${globalVersion} · stale (global v${global})` : `v${globalVersion}`;
}
const lockText = (k: ArenaKeyInfo) => (k.writer ? 'write-locked' : k.readers > 0 ? `${k.readers} reading` : 'free');

/** The State tab: each host's local tier, its keys where they live in the shared window, and their bytes, live. */
export function StateView() {
  const tiers = usePlayground((s) => s.localTiers);
  const active = usePlayground((s) => s.outputTab === 'state');
  const zeroCopy = usePlayground((s) => (s.runtime.capabilities?.stateMapping ?? 'zero-copy') === 'zero-copy');
  const runHost = usePlayground((s) => s.call.result?.host ?? null);
  const globalKeys = usePlayground((s) => s.globalTier.keys);
  const globalVersions = useMemo(() => new Map(globalKeys.map((k) => [k.key, k.version])), [globalKeys]);
  const runUser = usePlayground((s) => parseKey(s.call.result?.function ?? '')?.user ?? null);
  const runId = usePlayground((s) => s.call.result?.callId ?? null);
  // Until a tier is picked, show the last run's user on the host it ran on; a new run forgets the pick.
  const [picked, setPicked] = useState<LocalTier | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  useEffect(() => setPicked(null), [runId]);
  const tier =
    picked ??
    tiers.find((t) => t.host === runHost && t.user === runUser) ??
    tiers.find((t) => t.user === runUser) ??
    tiers.find((t) => t.host === runHost) ??
    tiers[0] ??
    null;
  const snapshot = useLiveTier(tier, selected, active);
  const value = useMemo(() => snapshot?.keys.find((k) => k.key === selected) ?? null, [snapshot, selected]);

  if (!tier) {
    return (
      <div className="state-view">
        <p className="panel-hint">
          No local state yet. A function makes a key with faasmWriteState or maps one with faasmReadStatePtr: run demo/share
          or demo/counter, then watch the bytes here.
        </p>
        <GlobalTierView />
      </div>
    );
  }
  return (
    <div className="state-view" data-testid="state.view">
      <p className="state-view__note">
        {zeroCopy
          ? 'Local tier: one shared memory per host and user, mapped into every Faaslet at 0x80000000. Read live, no copy.'
          : 'State pointers are private copies here (no zero-copy mapping): they reach this arena at unlock, at a dirty flag and at the end of a call.'}
      </p>
      {tiers.length > 1 && (
        <div className="state-view__tiers" role="tablist" aria-label="Local tiers">
          {tiers.map((t) => (
            <button key={`${t.host}/${t.user}`} role="tab" aria-selected={t === tier} onClick={() => setPicked(t)}>
              host {t.host} · {t.user}
            </button>
          ))}
        </div>
      )}
      <table className="data-table state-view__keys">
        <thead>
          <tr>
            <th>key</th>
            <th>address</th>
            <th>size</th>
            <th>version</th>
            <th title="The global version this copy was last pulled or pushed at">synced</th>
            <th>lock</th>
            <th>dirty</th>
          </tr>
        </thead>
        <tbody>
          {snapshot?.keys.map((k) => (
            <tr
              key={k.key}
              aria-selected={k.key === selected}
              data-testid={`state.key.${k.key.slice(k.key.indexOf('/') + 1)}`}
              onClick={() => setSelected(k.key)}
            >
              <td>{k.key.slice(k.key.indexOf('/') + 1)}</td>
              <td>{k.offset === null ? '—' : hex(SHARED_WINDOW_BASE + k.offset)}</td>
              <td>{k.size.toLocaleString()}</td>
              <td>{k.version}</td>
              <td data-testid="state.synced">{syncedText(k, globalVersions.get(k.key))}</td>
              <td>{lockText(k)}</td>
              <td>{dirtyText(k)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="state-view__capacity">
        arena: {((snapshot?.capacity ?? 0) / 1024).toLocaleString()} KiB on host {tier.host}
        {snapshot && !selected && snapshot.keys.length > 0 && ' · click a key to see its bytes'}
      </p>
      {value && snapshot?.bytes && (
        <section aria-label={`Bytes of ${value.key}`}>
          <h3 className="call-output__heading">
            {value.key} <span className="call-output__note">{value.size > SHOWN_BYTES ? `first ${SHOWN_BYTES} of ${value.size} bytes` : `${value.size} bytes`}</span>
          </h3>
          <pre className="call-output__pre call-output__pre--hex" data-testid="state.bytes">
            {hexDump(snapshot.bytes, SHARED_WINDOW_BASE + (value.offset ?? 0))}
          </pre>
          {value.size >= 4 && <TypedValues bytes={snapshot.bytes} />}
        </section>
      )}
      <GlobalTierView />
    </div>
  );
}

function TypedValues({ bytes }: { bytes: Uint8Array }) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return (
    <dl className="state-view__typed">
      <dt>i32</dt>
      <dd data-testid="state.i32">{view.getInt32(0, true)}</dd>
      {bytes.length >= 8 && (
        <>
          <dt>f64</dt>
          <dd>{view.getFloat64(0, true)}</dd>
        </>
      )}
    </dl>
  );
}
