/** Turn V8's error stack into wasm frames a person can read. */
import type { WasmFrame } from '../api';

// V8 prints wasm frames as "at name (wasm://wasm/<hash>:wasm-function[<index>]:0x<offset>)".
const WASM_FRAME = /at (?:(\S+) )?\(?wasm:\/\/wasm\/[^:]*:wasm-function\[(\d+)\]:0x([0-9a-f]+)\)?/i;

export function wasmFrames(stack: string | undefined): WasmFrame[] {
  if (!stack) return [];
  const frames: WasmFrame[] = [];
  for (const line of stack.split('\n')) {
    const match = WASM_FRAME.exec(line);
    if (!match) continue;
    const funcIndex = Number(match[2]);
    frames.push({
      // V8 prefixes the module's own name ("function.wasm.main"); the function's is what matters.
      func: match[1] ? match[1].replace(/^\$/, '').replace(/^[\w-]+\.wasm\./, '') : `wasm-function[${funcIndex}]`,
      funcIndex,
      offset: parseInt(match[3] ?? '0', 16),
    });
  }
  return frames;
}

/** A trap message with Faasm's wording for the cases people meet most. */
export function trapMessage(error: unknown): string {
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return `stack overflow: ${error.message}`;
  }
  if (error instanceof Error) {
    return error.name === 'RuntimeError' || error.name === 'Error'
      ? error.message
      : `${error.name}: ${error.message}`;
  }
  return String(error);
}
