/**
 * "Export for Faasm": the current function built as Faasm's toolchain builds it, and a call on a
 * real cluster's planner. Kept out of the zustand state: the dialog holds its own result, and
 * an export changes nothing in the workspace or the runtime.
 */
import { invokeOnFaasm, type FaasmCall, type FaasmCallResult, type FaasmExport } from '../../runtime';
import { usePlayground } from './playground';
import { session } from './session';
import { sourceOf } from './workspace';

/** The current function as Faasm would call it: its input and command line. */
export function currentCall(): FaasmCall {
  const { functions, current } = usePlayground.getState();
  const f = functions[current]!;
  return { user: f.user, function: f.name, input: new TextEncoder().encode(f.input), cmdline: f.cmdline ?? '' };
}

export async function exportCurrentForFaasm(): Promise<FaasmExport> {
  const api = session.connection?.api;
  if (!api) throw new Error('The runtime is not running yet.');
  const { functions, current } = usePlayground.getState();
  const f = functions[current]!;
  return api.exportForFaasm({ user: f.user, name: f.name, language: f.language, source: sourceOf(f), kind: f.kind });
}

/** Runs the current function (uploaded there already) on the cluster whose planner answers at `plannerUrl`. */
export function invokeOnCluster(plannerUrl: string, signal?: AbortSignal): Promise<FaasmCallResult> {
  let url: URL;
  try {
    url = new URL(plannerUrl);
  } catch {
    return Promise.reject(new Error(`"${plannerUrl}" is not a URL: give the planner's, e.g. http://localhost:8080`));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return Promise.reject(new Error('The planner URL must start with http:// or https://'));
  return invokeOnFaasm(url.href, currentCall(), { signal });
}
