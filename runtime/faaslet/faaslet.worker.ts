/// <reference lib="webworker" />
/** A Faaslet Worker: runs one call at a time; the host agent replaces it when it is killed. */
import { runFaaslet } from './instance';
import type { AwaitAnswer, FaasletToHost, HostToFaaslet } from './protocol';

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

scope.onmessage = async (event: MessageEvent<HostToFaaslet>) => {
  const message = event.data;
  if (message.kind === 'awaited') {
    answers.get(message.awaited)?.(message.answer);
    answers.delete(message.awaited);
    return;
  }
  const { job } = message;
  const output = outputBatcher(job.callId);
  const done = await runFaaslet(job, {
    onOutput: output.push,
    post(chainOrAwait) {
      output.flush();
      post(chainOrAwait);
    },
    answer: (awaited) => new Promise((resolve) => answers.set(awaited, resolve)),
  });
  output.flush();
  post(done);
};

post({ kind: 'ready' });
