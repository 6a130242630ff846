/** Why shared memory is unavailable on this page, in words a person can act on. */
export interface IsolationProblem {
  reason: string;
  fix: string;
}

export function isolationProblem(
  scope: { crossOriginIsolated?: boolean; SharedArrayBuffer?: unknown } = globalThis,
): IsolationProblem | null {
  if (scope.crossOriginIsolated && typeof scope.SharedArrayBuffer === 'function') return null;
  return {
    reason:
      'This page is not cross-origin isolated, so the browser withholds SharedArrayBuffer: ' +
      'Faaslets cannot have shared memory, and the runtime cannot start.',
    fix:
      'Serve the page with the headers "Cross-Origin-Opener-Policy: same-origin" and ' +
      '"Cross-Origin-Embedder-Policy: require-corp" (npm run dev and npm run preview do). ' +
      'On a static host that cannot set headers, add them with a service worker.',
  };
}
