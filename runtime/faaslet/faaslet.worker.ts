/// <reference lib="webworker" />
/** A Faaslet Worker: runs one call at a time; the host agent replaces it when it is killed. */
import { runFaaslet } from './instance';
import type { FaasletToHost, HostToFaaslet } from './protocol';

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

scope.onmessage = (event: MessageEvent<HostToFaaslet>) => {
  const { job } = event.data;
  const output = outputBatcher(job.callId);
  const done = runFaaslet(job, output.push);
  output.flush();
  post(done);
};

post({ kind: 'ready' });
