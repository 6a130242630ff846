/** How a piece of a Faaslet's wasm ended: a return code, or a trap with readable frames. */
import { WASIProcExit } from '@bjorn3/browser_wasi_shim';
import { HostError } from '../host';
import { FaasletKilled } from './control';
import type { FaasletToHost } from './protocol';
import { trapMessage, wasmFrames } from './stack';

export type Trap = NonNullable<Extract<FaasletToHost, { kind: 'done' }>['trap']>;
export type Outcome = { returnCode: number; trap: Trap | null };

export const trapOf = (error: unknown, during = ''): Trap => ({
  message: `${during}${error instanceof HostError ? error.message : trapMessage(error)}`,
  stack: wasmFrames((error as Error | undefined)?.stack),
});

export const outcomeOf = (value: unknown): Outcome => ({
  returnCode: typeof value === 'number' ? value : 0,
  trap: null,
});

/** A kill is no outcome: it keeps unwinding, past every cleanup, to the Worker's top level (control.ts). */
export function failure(error: unknown, during = ''): Outcome {
  if (error instanceof FaasletKilled) throw error;
  return error instanceof WASIProcExit ? { returnCode: error.code, trap: null } : { returnCode: 1, trap: trapOf(error, during) };
}

export function enter(fn: () => unknown, during = ''): Outcome {
  try {
    return outcomeOf(fn());
  } catch (error) {
    return failure(error, during);
  }
}

export const exported = (instance: WebAssembly.Instance, name: string) => {
  const value = instance.exports[name];
  return typeof value === 'function' ? (value as (...args: number[]) => unknown) : null;
};
