/** What this browser offers the runtime, detected once at start-up. */

// (module (memory 0) (memory 0)): valid only where multi-memory is supported.
const TWO_MEMORIES = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 5, 5, 2, 0, 0, 0, 0]);

export function detectCapabilities() {
  return {
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    jspi: 'Suspending' in WebAssembly && 'promising' in WebAssembly,
    multiMemory: WebAssembly.validate(TWO_MEMORIES),
    hardwareConcurrency: globalThis.navigator?.hardwareConcurrency ?? 1,
  };
}
