/** JS Promise Integration (shipped in Chromium 137), not yet in TypeScript's DOM types. */
declare namespace WebAssembly {

  class Suspending {
    constructor(fn: (...args: never[]) => Promise<unknown>);
  }
  function promising<Args extends unknown[], R>(fn: (...args: Args) => R): (...args: Args) => Promise<R>;
}
