// Test-only worker: creates keys (some also created by the other worker) and fills each value.
import { parentPort, workerData } from 'node:worker_threads';

const { bundle, handle, id, count } = workerData;
const { StateArena } = await import(bundle);
const arena = StateArena.attach(handle);
for (let i = 0; i < count; i++) {
  const own = arena.ensure(`u/w${id}-${i}`, 1000 + i);
  arena.bytes(own).fill(id);
  arena.ensure(`u/shared-${i}`, 500);
}
parentPort.postMessage('done');
