/// <reference lib="webworker" />
/** A Faaslet Worker: runs one call at a time; the host agent replaces it when it is killed. */
import { FaasletControl, FaasletKilled, setCurrentControl, suspendedWait } from './control';
import { runFaaslet } from './instance';
import type { AwaitAnswer, FaasletToHost, HostToFaaslet } from './protocol';
import { captureHeld, resetFrom, type HeldInstance } from './start';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: FaasletToHost) => scope.postMessage(message);

/**
 * Output is batched so a chatty loop sends a few messages a second, not one per printf.
 * The wasm holds the event loop while it runs, so batches are flushed by elapsed time, not timers.
 */
function outputBatcher(callId: number) {
  const pending = { stdout: '', stderr: '' };
  let lastFlush = -Infinity;
  const flush = () => {
    lastFlush = performance.now();
    for (const stream of ['stdout', 'stderr'] as const) {
      if (pending[stream]) post({ kind: 'output', callId, stream, text: pending[stream] });
      pending[stream] = '';
    }
  };
  return {
    push(stream: 'stdout' | 'stderr', text: string) {
      pending[stream] += text;
      if (performance.now() - lastFlush > 50) flush();
    },
    flush,
  };
}

/** Answers to awaits in flight (JSPI): the wasm stack is suspended until one arrives. */
const answers = new Map<number, (answer: AwaitAnswer) => void>();
/** The instance of the last call, kept so the next call of its module resets it in place. */
let held: HeldInstance | null = null;

/** A manual snapshot out of, or back into, the held instance (the host sends these between calls). */
function snapshotRequest(message: Extract<HostToFaaslet, { kind: 'snapshot' | 'restore' }>): FaasletToHost {
  const { requestId } = message;
  if (!held) return { kind: 'refused', requestId, message: 'this Faaslet holds no instance: run a call in it first' };
  try {
    if (message.kind === 'snapshot') return { kind: 'snapshot', requestId, image: captureHeld(held) };
    resetFrom(held, message.image);
    return { kind: 'restored', requestId };
  } catch (error) {
    return { kind: 'refused', requestId, message: error instanceof Error ? error.message : String(error) };
  }
}

scope.onmessage = async (event: MessageEvent<HostToFaaslet>) => {
  const message = event.data;
  if (message.kind === 'awaited') {
    answers.get(message.awaited)?.(message.answer);
    answers.delete(message.awaited);
    return;
  }
  if (message.kind !== 'run') {
    post(snapshotRequest(message));
    return;
  }
  const { job } = message;
  const output = outputBatcher(job.callId);
  const previous = held;
  held = null; // while a call runs, there is no instance to snapshot
  try {
    const run = await runFaaslet(job, {
      onOutput: output.push,
      post(chainOrAwait) {
        output.flush();
        post(chainOrAwait);
      },
      // A JSPI-suspended Faaslet is BLOCKED like one in Atomics.wait (control.ts).
      answer: (awaited) => suspendedWait(new Promise((resolve) => answers.set(awaited, resolve))),
    }, previous);
    held = run.held;
    output.flush();
    post(run.done);
  } catch (error) {
    // Killed: its supervisor releases what it held once the control word says DEAD, and
    // terminates this Worker. Nothing more of the call may reach shared memory or the page.
    if (error instanceof FaasletKilled) return;
    new FaasletControl(job.control).abandon();
    post({ kind: 'failed', callId: job.callId, message: error instanceof Error ? error.message : String(error) });
  } finally {
    setCurrentControl(null);
  }
};

post({ kind: 'ready' });
