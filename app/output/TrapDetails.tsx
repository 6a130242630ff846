import type { CallResult } from '../../runtime';

/** Why a call ended badly: the trap or error message and the wasm stack. */
export function TrapDetails({ result, scope = 'output' }: { result: CallResult; scope?: 'output' | 'calls.detail' }) {
  if (result.message === null && result.stack.length === 0) return null;
  return (
    <div className="trap-details">
      {result.message !== null && (
        <p className="trap-details__message" data-testid={`${scope}.message`}>
          {result.message}
        </p>
      )}
      {result.stack.length > 0 && (
        <ol className="trap-details__stack" data-testid={`${scope}.stack`}>
          {result.stack.map((frame, i) => (
            <li key={i}>
              <code>{frame.func}</code>
              {frame.funcIndex !== null && <span> func[{frame.funcIndex}]</span>}
              {frame.offset !== null && <span> @ 0x{frame.offset.toString(16)}</span>}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
