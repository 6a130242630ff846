// Test-only worker: increments a counter in the arena under the key's write lock.
import { parentPort, workerData } from 'node:worker_threads';

const { bundle, handle, key, times } = workerData;
const { StateArena } = await import(bundle);
const arena = StateArena.attach(handle);
const value = arena.require(key);
for (let i = 0; i < times; i++) {
  arena.lockWrite(value);
  const counter = new Int32Array(arena.memory.buffer, value.offset, 1);
  counter[0] = counter[0] + 1; // a plain read-modify-write: only the lock makes it safe
  arena.unlockWrite(value);
}
parentPort.postMessage('done');
