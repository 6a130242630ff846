import { useMemo, type ReactNode } from 'react';
import { bytesToText, hexDump } from '../lib/bytes';
import { usePlayground } from '../store/playground';
import { CallSummary } from '../calls/CallSummary';
import { ChainSummary } from '../calls/ChainSummary';
import { TrapDetails } from './TrapDetails';

/** Hex dumps of big outputs get long; the text view always has everything. */
const HEX_LIMIT = 4096;

const EMPTY = new Uint8Array();

export function CallOutput() {
  const call = usePlayground((s) => s.call);
  const output = call.result?.output ?? EMPTY;
  const text = useMemo(() => bytesToText(output), [output]);
  const hex = useMemo(() => hexDump(output.subarray(0, HEX_LIMIT)), [output]);

  return (
    <div className="call-output">
      <CallSummary />
      {call.built.length > 0 && (
        <p className="call-output__note" data-testid="output.built">
          Built first (stale, reachable from this call): {call.built.join(', ')}
        </p>
      )}
      {call.error && (
        <p className="call-output__error">
          {call.phase === 'failed' ? `The call could not be made: ${call.error}` : call.error}
        </p>
      )}
      {call.result && <TrapDetails result={call.result} />}
      <ChainSummary />
      <Section title="Output" note={call.result ? `${output.length} bytes` : undefined}>
        <pre className="call-output__pre" data-testid="output.text">{text}</pre>
      </Section>
      <Section title="Output (hex)" note={output.length > HEX_LIMIT ? `first ${HEX_LIMIT} bytes` : undefined}>
        <pre className="call-output__pre call-output__pre--hex" data-testid="output.hex">{hex}</pre>
      </Section>
      <Section title="stdout">
        <pre className="call-output__pre" data-testid="output.stdout">{call.stdout}</pre>
      </Section>
      <Section title="stderr">
        <pre className="call-output__pre call-output__pre--stderr" data-testid="output.stderr">{call.stderr}</pre>
      </Section>
    </div>
  );
}

function Section({ title, note, children }: { title: string; note?: string; children: ReactNode }) {
  return (
    <section className="call-output__section">
      <h3 className="call-output__heading">
        {title}
        {note && <span className="call-output__note">{note}</span>}
      </h3>
      {children}
    </section>
  );
}
