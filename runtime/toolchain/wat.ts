/**
 * WebAssembly text → binary with wabt. wabt is loaded lazily (a WAT build must
 * not wait for the 105 MB clang load) and passed nothing but the source.
 */
import type { Diagnostic } from '../api';
import { parseDiagnostics } from './diagnostics';

export const WAT_FILE = 'function.wat';

/** What the browsers we target run (wasm 2.0 + threads, multi-memory, …). */
export const WAT_FEATURES = {
  mutable_globals: true,
  sat_float_to_int: true,
  sign_extension: true,
  simd: true,
  threads: true,
  multi_value: true,
  tail_call: true,
  bulk_memory: true,
  reference_types: true,
  extended_const: true,
  multi_memory: true,
  exceptions: true,
  relaxed_simd: true,
  function_references: true,
};

export interface WatResult {
  ok: boolean;
  wasm: Uint8Array | null;
  diagnostics: Diagnostic[];
  log: string;
}

type WabtInit = typeof import('wabt');
type Wabt = Awaited<ReturnType<WabtInit>>;
let wabtPromise: Promise<Wabt> | null = null;

export function loadWabt(): Promise<Wabt> {
  // wabt is CommonJS (`export =`): bundlers hand it over as the default export.
  wabtPromise ??= import('wabt').then((m: WabtInit | { default: WabtInit }) => ('default' in m ? m.default : m)());
  return wabtPromise;
}

/** wabt's messages read "<file>:<line>:<col>: error: …"; the file part can carry junk bytes. */
function diagnose(message: string): Diagnostic[] {
  const normalised = message.replace(/^[^\n:]*(?=:\d+:\d+: )/gm, WAT_FILE);
  const diags = parseDiagnostics(normalised, { userFile: WAT_FILE });
  return diags.length > 0 ? diags : [{ file: WAT_FILE, line: 1, column: 1, severity: 'error', message: message.trim() }];
}

export async function assembleWat(source: string): Promise<WatResult> {
  const wabt = await loadWabt();
  let mod: ReturnType<Wabt['parseWat']> | null = null;
  try {
    mod = wabt.parseWat(WAT_FILE, source, WAT_FEATURES);
    mod.resolveNames();
    // validate() takes the feature set too, though wabt's typings omit it.
    const validate: (features: typeof WAT_FEATURES) => void = mod.validate.bind(mod);
    validate(WAT_FEATURES);
    const { buffer, log } = mod.toBinary({ write_debug_names: true });
    return { ok: true, wasm: buffer.slice(), diagnostics: [], log };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { ok: false, wasm: null, diagnostics: diagnose(message), log: message };
  } finally {
    mod?.destroy();
  }
}
