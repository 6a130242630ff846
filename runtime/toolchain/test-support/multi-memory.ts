/** Test-only: Node 20's V8 has no multi-memory; browsers do. Validate with wabt where the engine cannot. */
import wabtInit from 'wabt';
import { WAT_FEATURES } from '../wat';

// (module (memory 0) (memory 0))
const TWO_MEMORIES = Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 5, 5, 2, 0, 0, 0, 0]);
export const engineHasMultiMemory = WebAssembly.validate(TWO_MEMORIES);

export async function wabtValidate(bytes: Uint8Array): Promise<void> {
  const wabt = await wabtInit();
  const mod = wabt.readWasm(bytes, { readDebugNames: false, ...WAT_FEATURES });
  try {
    const validate: (f: typeof WAT_FEATURES) => void = mod.validate.bind(mod);
    validate(WAT_FEATURES);
  } finally {
    mod.destroy();
  }
}
