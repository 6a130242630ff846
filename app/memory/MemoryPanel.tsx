import { useEffect, useMemo, useRef, useState } from 'react';
import { changedPages, LocalTierReader, SHARED_WINDOW_BASE, type ArenaKeyInfo, type FaasletInspection } from '../../runtime';
import { timed } from '../lib/frame-timing';
import { PAGE } from '../lib/memory-map';
import { hex32 } from '../lib/typed-values';
import { usePlayground } from '../store/playground';
import { HexInspector } from './HexInspector';
import { useMemoryJump } from '../lessons/panel/LessonJump';
import { MemoryMap } from './MemoryMap';

/** Four reads a second: the memories are shared, so a read is a plain copy, no message to any Worker. */
const REFRESH_MS = 250;

export interface LiveMemory {
  /** Bytes of memory 0 now. */
  size: number;
  changed: number[];
  keys: ArenaKeyInfo[];
  arenaBytes: number;
  /** Bumped on every read, so views that read bytes themselves redraw. */
  tick: number;
}

const readers = new WeakMap<object, LocalTierReader>();

function useLiveMemory(inspection: FaasletInspection, active: boolean): LiveMemory {
  const [live, setLive] = useState<LiveMemory>({ size: 0, changed: [], keys: [], arenaBytes: 0, tick: 0 });
  useEffect(() => {
    if (!active) return;
    const { memory, image, tier } = inspection;
    let reader = tier ? readers.get(tier.arena.meta) : undefined;
    if (tier && !reader) readers.set(tier.arena.meta, (reader = new LocalTierReader(tier.arena)));
    const read = () => {
      const next = timed('memory-map.read', () => ({
        size: memory?.buffer.byteLength ?? 0,
        changed: memory && image ? changedPages(image, new Uint8Array(memory.buffer)) : [],
        keys: reader?.keys() ?? [],
        arenaBytes: reader?.capacity ?? 0,
      }));
      setLive((previous) => ({ ...next, tick: previous.tick + 1 }));
    };
    read();
    const timer = setInterval(read, REFRESH_MS);
    return () => clearInterval(timer);
  }, [inspection, active]);
  return live;
}

/**
 * A lesson's address link moves this panel to the address, scrolls its dump into view and marks
 * it until the person goes elsewhere (the mark follows the shown address, so no timer clears it).
 * A panel opened after the jump goes there too: the lesson asks to compare two Faaslets there.
 */
function useFollowJumps(setAddress: (address: number) => void) {
  const jump = useMemoryJump((s) => s.jump);
  const ref = useRef<HTMLDivElement>(null);
  const [address, setJumped] = useState<number | null>(null);
  const seen = useRef(0);
  useEffect(() => {
    if (!jump || jump.seq === seen.current) return;
    seen.current = jump.seq;
    setAddress(jump.address);
    setJumped(jump.address);
    ref.current?.scrollIntoView({ block: 'nearest' });
  }, [jump, setAddress]);
  return { ref, address };
}

/** One Faaslet: its memory map, then the hex inspector at the address picked on the map. */
export function MemoryPanel({ inspection, active, compact }: { inspection: FaasletInspection; active: boolean; compact: boolean }) {
  const live = useLiveMemory(inspection, active);
  const firstKey = live.keys.find((k) => k.offset !== null);
  const [address, setAddress] = useState<number | null>(null);
  const shown = address ?? (firstKey ? SHARED_WINDOW_BASE + firstKey.offset! : (inspection.layout?.stackTop ?? 0));
  const title = useMemo(() => `f${inspection.faaslet} · host ${inspection.host}`, [inspection]);
  const jumped = useFollowJumps(setAddress);

  return (
    <section className="memory-panel" data-testid="memory.panel" data-faaslet={inspection.faaslet} aria-label={`Memory of Faaslet f${inspection.faaslet}`}>
      <header className="memory-panel__header">
        <strong>{title}</strong>
        <span className="memory-panel__function">{inspection.function ?? 'no module yet'}</span>
        <button className="button" aria-label={`Close f${inspection.faaslet}`} onClick={() => usePlayground.getState().closeInspection(inspection.faaslet)}>
          ×
        </button>
      </header>
      {!inspection.memory ? (
        <p className="panel-hint">This Faaslet has run nothing yet: it has no memory 0.</p>
      ) : (
        <>
          <p className="memory-panel__facts">
            memory 0: {(live.size / PAGE).toLocaleString()} pages · {live.changed.length} written since the Proto-Faaslet
            {inspection.image ? '' : ' (no image yet)'} · window: {live.keys.length} keys in {(live.arenaBytes / 1024).toLocaleString()} KiB
          </p>
          <MemoryMap inspection={inspection} live={live} onPick={setAddress} />
          <div className="memory-panel__keys" aria-label="Mapped state keys">
            {live.keys.filter((k) => k.offset !== null).map((k) => (
              <button
                key={k.key}
                className="memory-panel__key"
                data-testid={`memory.key.${k.key.slice(k.key.indexOf('/') + 1)}`}
                onClick={() => setAddress(SHARED_WINDOW_BASE + k.offset!)}
                title={`${k.key}: ${k.size} bytes at ${hex32(SHARED_WINDOW_BASE + k.offset!)}`}
              >
                {k.key.slice(k.key.indexOf('/') + 1)} @ {hex32(SHARED_WINDOW_BASE + k.offset!)}
              </button>
            ))}
          </div>
          <div
            ref={jumped.ref}
            className={jumped.address === shown ? 'memory-panel__dump memory-panel__dump--jumped' : 'memory-panel__dump'}
            data-testid="memory.dump"
            data-jumped={jumped.address === shown ? hex32(shown) : undefined}
          >
            <HexInspector inspection={inspection} address={shown} onAddress={setAddress} tick={live.tick} columns={compact ? 8 : 16} />
          </div>
        </>
      )}
    </section>
  );
}
