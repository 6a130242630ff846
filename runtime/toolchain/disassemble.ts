/**
 * WebAssembly binary → text with wabt, for the build inspector. Runs in the toolchain Worker:
 * a libc-sized module prints to megabytes of text, which the page should not have to make.
 */
import { loadWabt, WAT_FEATURES } from './wat';

/** The module as WAT, one instruction per line, with names from its name section or made up. */
export async function disassembleWasm(wasm: Uint8Array): Promise<string> {
  const wabt = await loadWabt();
  const mod = wabt.readWasm(wasm, { readDebugNames: true, ...WAT_FEATURES });
  try {
    // Made-up names ($f12, $t3) read better than bare indices; real ones are kept.
    mod.generateNames();
    mod.applyNames();
    return mod.toText({ foldExprs: false, inlineExport: false });
  } finally {
    mod.destroy();
  }
}
