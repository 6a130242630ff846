/**
 * A call's command line, as Faasm turns it into argv: `function.wasm` first, then the message's
 * `cmdline` split on every single space (faabric's `getArgvForMessage`, src/util/func.cpp), so
 * two spaces in a row make an empty argument, as they do on a Faasm cluster.
 */
export const ARGV0 = 'function.wasm';

/** The arguments after `function.wasm`; an empty command line has none. */
export function argsOfCmdline(cmdline: string): string[] {
  return cmdline === '' ? [] : cmdline.split(' ');
}

/** What a chained call's command line is: the one its caller's request gave for its function, or none. */
export function chainedArgs(chainCmdlines: Record<string, string>, name: string): string[] {
  return argsOfCmdline(Object.hasOwn(chainCmdlines, name) ? chainCmdlines[name]! : '');
}
