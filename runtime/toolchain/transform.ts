/**
 * The binaryen passes of a build, in one read and one emit: the SFI rewrite (modules that map
 * state) and then metering (every module a Faaslet runs, libraries too). binaryen is loaded
 * only when a pass runs.
 */
import type { RewriteSummary } from '../api';
import { type MeterSummary, meterModule } from './meter';
import { emitModule, fixStateLimits, loadBinaryen, mapsState, rewriteModule, withModule } from './rewrite';

export interface TransformOptions {
  /** Route memory-0 accesses to the shared window, if the module maps state. */
  rewrite: boolean;
  /** Charge fuel at function entries and loop headers. */
  meter: boolean;
}

export interface TransformResult {
  wasm: Uint8Array;
  rewrite: RewriteSummary;
  /** Null when the module was not metered. */
  meter: MeterSummary | null;
}

export const UNREWRITTEN: RewriteSummary = { rewritten: false, instrumented: 0, skipped: 0, hoisted: 0, versionedLoops: 0, ms: 0 };

export async function transform(input: Uint8Array, options: TransformOptions): Promise<TransformResult> {
  const rewrite = options.rewrite && mapsState(input);
  if (!rewrite && !options.meter) return { wasm: input, rewrite: UNREWRITTEN, meter: null };
  const b = await loadBinaryen();
  return withModule(b, input, (mod) => {
    const t0 = performance.now();
    const rewritten = rewrite ? rewriteModule(b, mod) : null;
    const rewriteMs = performance.now() - t0;
    const meter = options.meter ? meterModule(b, mod) : null;
    const out = emitModule(b, mod, meter ? 'meter' : 'rewrite');
    return {
      wasm: rewritten ? fixStateLimits(out) : out,
      rewrite: rewritten ? { ...rewritten, ms: rewriteMs } : UNREWRITTEN,
      meter,
    };
  });
}
