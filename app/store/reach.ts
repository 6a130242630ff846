/**
 * What a call may reach: the functions of the same user it chains by name
 * (`faasmChainNamed("x", …)`, `__faasm_chain_name("x", …)`) and the libraries it opens
 * (`dlopen("libx.so")`, `/lib/libx.so`), followed transitively through their sources. Only
 * string literals are seen: a name computed at run time cannot be known before the call.
 */

export interface ReachableSource {
  user: string;
  name: string;
  source: string;
}

const CHAIN_NAMED = /\b(?:faasmChainNamed|__faasm_chain_name)\s*\(\s*"([^"\\]+)"/g;
/** Faasm installs a user's library as /lib/<name>.so (runtime/cluster/library-upload.ts). */
const DLOPEN = /\bdlopen\s*\(\s*"(?:\/lib\/)?([^"\\/]+)\.so"/g;

/** Comments are dropped first, so an example shown in a comment builds nothing. */
const stripComments = (source: string): string =>
  source.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/[^\n]*/g, ' ');

/** The names one source chains to or opens, in order of first appearance. */
export function namesCalledBy(source: string): string[] {
  const text = stripComments(source);
  const names = [...text.matchAll(CHAIN_NAMED), ...text.matchAll(DLOPEN)]
    .sort((a, b) => (a.index ?? 0) - (b.index ?? 0))
    .map((m) => m[1]!);
  return [...new Set(names)];
}

/**
 * The keys (`user/name`) `start` may reach, `start` first, then breadth-first. Names with no
 * function in `functions` are left out (the call reports them when it makes them).
 */
export function reachableKeys(functions: Record<string, ReachableSource>, start: string): string[] {
  const first = functions[start];
  if (!first) return [];
  const seen = new Set([start]);
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const f = functions[queue[i]!]!;
    for (const name of namesCalledBy(f.source)) {
      const key = `${first.user}/${name}`;
      if (seen.has(key) || !functions[key]) continue;
      seen.add(key);
      queue.push(key);
    }
  }
  return queue;
}
