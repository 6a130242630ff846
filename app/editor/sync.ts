import { allModels } from './monaco';
import type { FunctionDoc } from '../store/workspace';

/**
 * Brings models up to date with the workspace where it changed other than by typing (an imported
 * workspace). Typing changes the store in the same tick, so a typed model already matches.
 */
export function syncModels(functions: Record<string, FunctionDoc>): void {
  for (const { id, model } of allModels()) {
    const source = functions[id.key]?.sources[id.language];
    if (source !== undefined && source !== model.getValue()) model.setValue(source);
  }
}
