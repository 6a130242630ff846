/**
 * `__faasm_backtrace(depth)` (libfaasm's `faasmBacktrace`): Faasm prints the wasm call stack of
 * the calling function (faasm/faasm src/wavm/faasm.cpp, `__faasm_backtrace`). Here the engine's
 * own stack trace, taken inside the import, has the wasm frames: they go to the call's stderr,
 * innermost first, at most `depth` of them (all when depth ≤ 0), named when the module has a
 * name section.
 */

/** V8 writes a wasm frame as `at name (wasm://wasm/<hash>:wasm-function[12]:0x1a2b)`. */
const WASM_FRAME = /at (?:(\S+) \()?(?:wasm:\/\/[^:]*:)?(wasm-function\[\d+\]:0x[0-9a-f]+)\)?/;

export function wasmFrames(stack: string): string[] {
  return stack
    .split('\n')
    .map((line) => WASM_FRAME.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map(([, name, where]) => (name ? `${name} (${where})` : where!));
}

export function backtraceImports(stderr: (text: string) => void) {
  return {
    __faasm_backtrace(depth: number): void {
      const limit = Error.stackTraceLimit;
      // V8 keeps 10 frames by default; a deep wasm stack needs more.
      Error.stackTraceLimit = 200;
      const stack = new Error().stack ?? '';
      Error.stackTraceLimit = limit;
      const frames = wasmFrames(stack);
      const shown = depth > 0 ? frames.slice(0, depth) : frames;
      stderr(`backtrace (${shown.length} of ${frames.length} wasm frames):\n${shown.map((frame, i) => `  #${i} ${frame}\n`).join('')}`);
    },
  };
}
