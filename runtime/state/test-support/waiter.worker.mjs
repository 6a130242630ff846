// Test-only worker: says it is asking for the key's write lock, takes it, and reports the counter it then reads.
import { parentPort, workerData } from 'node:worker_threads';

const { bundle, handle, key, asking } = workerData;
const { StateArena } = await import(bundle);
const arena = StateArena.attach(handle);
const value = arena.require(key);
Atomics.store(new Int32Array(asking), 0, 1);
arena.lockWrite(value);
const seen = new Int32Array(arena.memory.buffer, value.offset, 1)[0];
arena.unlockWrite(value);
parentPort.postMessage(seen);
