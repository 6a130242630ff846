/**
 * Reads of an uploaded module for the build inspector. Not kept in the store: the WAT of a
 * libc-sized module runs to megabytes, and only the open inspector needs it.
 */
import type { ModuleInterface } from '../../runtime';
import { session } from './session';
import { parseKey } from './workspace';

function target(key: string) {
  const api = session.connection?.api;
  const parsed = parseKey(key);
  if (!api) throw new Error('the runtime is not running');
  if (!parsed) throw new Error(`${key} is not a function name`);
  return { api, ...parsed };
}

export async function moduleInterface(key: string): Promise<ModuleInterface> {
  const { api, user, name } = target(key);
  return api.moduleInterface(user, name);
}

export async function moduleText(key: string): Promise<string> {
  const { api, user, name } = target(key);
  return api.moduleText(user, name);
}

export async function moduleBytes(key: string): Promise<Uint8Array> {
  const { api, user, name } = target(key);
  return api.moduleBytes(user, name);
}
