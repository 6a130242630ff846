// Test-only worker: flags every `workers`-th 64-byte chunk of a value dirty, starting at chunk `id`,
// so the workers set bits of the same bitmap words at the same time.
import { parentPort, workerData } from 'node:worker_threads';

const { bundle, handle, key, id, workers, rounds } = workerData;
const { StateArena } = await import(bundle);
const arena = StateArena.attach(handle);
const value = arena.require(key);
for (let round = 0; round < rounds; round++) {
  for (let chunk = id; chunk * 64 < value.size; chunk += workers) arena.flagDirty(value, chunk * 64, 1);
}
parentPort.postMessage('done');
