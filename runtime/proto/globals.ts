/**
 * The mutable globals of an instance, read and reset through the exports the toolchain adds
 * (toolchain/export-globals.ts): JS cannot see a global the module does not export.
 */
import { GLOBAL_EXPORT_PREFIX } from '../toolchain/export-globals';
import { ProtoImageError, type GlobalValue } from './image';

function exportedGlobals(instance: WebAssembly.Instance): [string, WebAssembly.Global][] {
  return Object.entries(instance.exports).filter(
    (entry): entry is [string, WebAssembly.Global] =>
      entry[0].startsWith(GLOBAL_EXPORT_PREFIX) && entry[1] instanceof WebAssembly.Global,
  );
}

export function readGlobals(instance: WebAssembly.Instance): Record<string, GlobalValue> {
  return Object.fromEntries(exportedGlobals(instance).map(([name, global]) => [name, global.value as GlobalValue]));
}

export function writeGlobals(instance: WebAssembly.Instance, globals: Record<string, GlobalValue>): void {
  for (const [name, value] of Object.entries(globals)) {
    const global = instance.exports[name];
    if (!(global instanceof WebAssembly.Global)) {
      throw new ProtoImageError(`the image sets global ${name}, which this instance does not export`);
    }
    global.value = value;
  }
}
