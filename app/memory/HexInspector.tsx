import { useEffect, useState } from 'react';
import { SHARED_WINDOW_BASE, type FaasletInspection } from '../../runtime';
import { hex32, parseAddress, typedValues } from '../lib/typed-values';

const ROWS = 8;

/** Bytes at an address as this Faaslet sees it: memory 0 below 0x80000000, the shared window above. */
function readAt(inspection: FaasletInspection, address: number, length: number): Uint8Array | null {
  const inWindow = address >= SHARED_WINDOW_BASE;
  const buffer = inWindow ? inspection.tier?.arena.memory.buffer : inspection.memory?.buffer;
  if (!buffer) return null;
  const start = inWindow ? address - SHARED_WINDOW_BASE : address;
  if (start >= buffer.byteLength) return null;
  return new Uint8Array(buffer, start, Math.min(length, buffer.byteLength - start)).slice();
}

interface Props {
  inspection: FaasletInspection;
  address: number;
  onAddress(address: number): void;
  /** Changes when the memory was read again: redraw. */
  tick: number;
  columns: 8 | 16;
}

/** A hex dump at any address, "go to pointer", and the value there read as each C type. */
export function HexInspector({ inspection, address, onAddress, tick, columns }: Props) {
  const [text, setText] = useState(hex32(address));
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => setText(hex32(address)), [address]);
  const bytes = readAt(inspection, address, ROWS * columns);
  const go = (value: number | null, why: string) => {
    if (value === null) setProblem(why);
    else {
      setProblem(null);
      onAddress(value);
    }
  };
  const pointer = bytes && bytes.length >= 4 ? new DataView(bytes.buffer).getUint32(0, true) : null;

  return (
    <div className="hex-inspector" data-tick={tick}>
      <form
        className="hex-inspector__bar"
        onSubmit={(event) => {
          event.preventDefault();
          go(parseAddress(text), `"${text}" is not an address: try 0x80000000 or 4096`);
        }}
      >
        <input aria-label="Address" data-testid="hex.address" value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} />
        <button className="button" type="submit">Go</button>
        <button
          className="button"
          type="button"
          disabled={pointer === null}
          title="Read the 4 bytes here as a pointer and go there"
          onClick={() => go(pointer, 'no pointer here')}
        >
          Go to pointer
        </button>
      </form>
      {problem && <p className="call-output__error">{problem}</p>}
      {bytes ? (
        <>
          <pre className="call-output__pre call-output__pre--hex hex-inspector__dump" data-testid="hex.dump">
            {rows(bytes, address, columns)}
          </pre>
          <dl className="hex-inspector__typed" data-testid="hex.typed">
            {typedValues(bytes.subarray(0, 64)).map((v) => (
              <div key={v.type} data-type={v.type}>
                <dt>{v.type}</dt>
                <dd>{v.text}</dd>
              </div>
            ))}
          </dl>
        </>
      ) : (
        <p className="panel-hint">{hex32(address)} is outside this Faaslet's memory (and its mapped window).</p>
      )}
    </div>
  );
}

function rows(bytes: Uint8Array, base: number, columns: number): string {
  const lines: string[] = [];
  for (let at = 0; at < bytes.length; at += columns) {
    const row = bytes.subarray(at, at + columns);
    const hex = Array.from(row, (b) => b.toString(16).padStart(2, '0')).join(' ');
    const ascii = Array.from(row, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    lines.push(`${(base + at).toString(16).padStart(8, '0')}  ${hex.padEnd(columns * 3 - 1)}  ${ascii}`);
  }
  return lines.join('\n');
}
