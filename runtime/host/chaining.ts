/**
 * Chaining: `chain` returns a call id at once (ids come from a counter shared by the cluster,
 * so no round trip); `await` blocks only the caller — under JSPI by suspending its wasm stack,
 * otherwise in Atomics.wait on its mailbox.
 */
import type { AwaitAnswer, AwaitMode, ChainTarget, FaasletToHost } from '../faaslet/protocol';
import { clearMailbox, waitForAnswer } from './mailbox';
import { HostError, type FaasletMemory } from './memory';

export interface ChainContext {
  callId: number;
  callIds: Int32Array;
  mode: AwaitMode;
  mailbox: SharedArrayBuffer;
  post(message: FaasletToHost): void;
  /** JSPI: resolves when the host agent answers the await. */
  answer(awaited: number): Promise<AwaitAnswer>;
  /** The module's own malloc, for outputs the host hands back (Faasm's await-with-output). */
  malloc(size: number): number;
  stderr(text: string): void;
}

const u32 = (value: number) => new Uint8Array(new Uint32Array([value >>> 0]).buffer);

export function chainingImports(memory: FaasletMemory, ctx: ChainContext) {
  const chain = (call: string, target: ChainTarget, inputPtr: number, len: number): number => {
    const input = memory.read(call, inputPtr, len);
    const callId = Atomics.add(ctx.callIds, 0, 1) + 1;
    ctx.post({ kind: 'chain', parentId: ctx.callId, callId, target, input });
    return callId;
  };

  const settle = (awaited: number, answer: AwaitAnswer): AwaitAnswer => {
    if (answer.error) ctx.stderr(`await of call ${awaited}: ${answer.error}\n`);
    return answer;
  };

  const handOver = (answer: AwaitAnswer, outPtr: number, outLenPtr: number): number => {
    const call = '__faasm_await_call_output';
    const length = answer.output.byteLength;
    const ptr = length > 0 ? ctx.malloc(length) : 0;
    if (length > 0 && ptr === 0) throw new HostError(`${call}: malloc(${length}) failed in the caller`);
    if (length > 0) memory.write(call, ptr, answer.output);
    memory.write(call, outPtr, u32(ptr));
    memory.write(call, outLenPtr, u32(length));
    return answer.returnCode;
  };

  const ask = (awaited: number): AwaitAnswer | Promise<AwaitAnswer> => {
    if (ctx.mode === 'mailbox') {
      clearMailbox(ctx.mailbox);
      ctx.post({ kind: 'await', callId: ctx.callId, awaited });
      return settle(awaited, waitForAnswer(ctx.mailbox));
    }
    ctx.post({ kind: 'await', callId: ctx.callId, awaited });
    return ctx.answer(awaited).then((answer) => settle(awaited, answer));
  };

  const imports = {
    __faasm_chain_name: (namePtr: number, inputPtr: number, len: number) =>
      chain(
        '__faasm_chain_name',
        { kind: 'name', name: memory.readCString('__faasm_chain_name', namePtr, 256) },
        inputPtr,
        len,
      ),
    __faasm_chain_ptr: (funcIndex: number, inputPtr: number, len: number) =>
      chain('__faasm_chain_ptr', { kind: 'pointer', funcIndex }, inputPtr, len),
  };

  if (ctx.mode === 'mailbox') {
    return {
      ...imports,
      __faasm_await_call: (id: number) => (ask(id) as AwaitAnswer).returnCode,
      __faasm_await_call_output: (id: number, outPtr: number, outLenPtr: number) =>
        handOver(ask(id) as AwaitAnswer, outPtr, outLenPtr),
    };
  }
  return {
    ...imports,
    __faasm_await_call: new WebAssembly.Suspending(async (id: number) => (await ask(id)).returnCode),
    __faasm_await_call_output: new WebAssembly.Suspending(
      async (id: number, outPtr: number, outLenPtr: number) => handOver(await ask(id), outPtr, outLenPtr),
    ),
  };
}
