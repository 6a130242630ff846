import { useState, type FormEvent, type ReactNode } from 'react';
import { DEFAULT_LIMITS, MAX_MEMORY_LIMIT_MIB } from '../../runtime';
import { limitsOf } from '../store/limits';
import { usePlayground } from '../store/playground';
import { Dialog } from '../ui/Dialog';
import './FunctionLimits.css';

const kibPerSecond = (bytes: number) => Number((bytes / 1024).toFixed(1));

/** The current function's memory limit and socket bandwidth, shown on a button that edits them. */
export function FunctionLimitsButton() {
  const current = usePlayground((s) => s.current);
  const limits = usePlayground((s) => limitsOf(s.functions[s.current]!));
  const [open, setOpen] = useState(false);
  const shaped = limits.bytesPerSecond !== null;
  return (
    <>
      <button
        className="button function-limits__button"
        data-testid="limits.button"
        title={`Memory and network limits of ${current}'s Faaslets`}
        onClick={() => setOpen(true)}
      >
        {limits.memoryMiB} MiB{shaped && ` · ${kibPerSecond(limits.bytesPerSecond!)} KiB/s`}
      </button>
      {open && <FunctionLimitsDialog onClose={() => setOpen(false)} />}
    </>
  );
}

function FunctionLimitsDialog({ onClose }: { onClose: () => void }) {
  const current = usePlayground((s) => s.current);
  const limits = usePlayground((s) => limitsOf(s.functions[s.current]!));
  const [memory, setMemory] = useState(String(limits.memoryMiB));
  const [bandwidth, setBandwidth] = useState(limits.bytesPerSecond === null ? '' : String(kibPerSecond(limits.bytesPerSecond)));
  const [error, setError] = useState<string | null>(null);

  const save = (e: FormEvent) => {
    e.preventDefault();
    const kib = bandwidth.trim() === '' ? 0 : Number(bandwidth);
    const problem = usePlayground.getState().setLimits({
      memoryMiB: Number(memory),
      bytesPerSecond: Number.isFinite(kib) ? Math.round(kib * 1024) : Number.NaN,
    });
    if (problem) setError(problem);
    else onClose();
  };

  return (
    <Dialog title={`Limits of ${current}`} testId="limits.dialog" onClose={onClose}>
      <form className="function-limits" onSubmit={save} noValidate>
        <LimitRow label="Memory" unit="MiB" testId="limits.memory" value={memory} onChange={setMemory} min={1} max={MAX_MEMORY_LIMIT_MIB} autoFocus>
          Memory 0 of each Faaslet stops growing here: malloc returns NULL, mmap fails with ENOMEM. Default {DEFAULT_LIMITS.memoryMiB} MiB.
        </LimitRow>
        <LimitRow label="Bandwidth" unit="KiB/s" testId="limits.bandwidth" value={bandwidth} onChange={setBandwidth} min={0} placeholder="unshaped">
          Virtual sockets send and receive at most this fast (traffic shaping). Empty or 0: unshaped.
        </LimitRow>
        {error && (
          <p className="function-limits__error" role="alert" data-testid="limits.error">
            {error}
          </p>
        )}
        <p className="dialog__text function-limits__note">Calls already running keep their limits; the next call of {current} gets these.</p>
        <div className="dialog__actions">
          <button type="button" className="button" onClick={() => [setMemory(String(DEFAULT_LIMITS.memoryMiB)), setBandwidth('')]}>
            Defaults
          </button>
          <button type="submit" className="button button--primary" data-testid="limits.save">
            Save
          </button>
        </div>
      </form>
    </Dialog>
  );
}

interface LimitRowProps {
  label: string;
  unit: string;
  testId: string;
  value: string;
  onChange: (value: string) => void;
  min: number;
  max?: number;
  placeholder?: string;
  autoFocus?: boolean;
  /** What the limit does. */
  children: ReactNode;
}

function LimitRow({ label, unit, testId, value, onChange, children, ...input }: LimitRowProps) {
  return (
    <label className="function-limits__row">
      <span>{label}</span>
      <input className="field" data-testid={testId} type="number" step="any" value={value} onChange={(e) => onChange(e.target.value)} {...input} />
      <span>{unit}</span>
      <small>{children}</small>
    </label>
  );
}
