// Test-only worker: plays a Faaslet on the thread, as the real one does (faaslet/control.ts):
// each round it gets a control word and a ledger, and runs one script until it ends or dies.
import { parentPort, workerData } from 'node:worker_threads';

const { bundle, handle, holder } = workerData;
const { StateArena, LockLedger, FaasletControl, FaasletKilled, setCurrentControl } = await import(bundle);
const arena = StateArena.attach(handle, holder);

const scripts = {
  // A metered loop: a poll, then a write of the round's counter; reports how many writes it made.
  spin({ key, writes }, control) {
    const words = new Int32Array(writes);
    const value = arena.require(key);
    for (;;) {
      control.book(1);
      control.poll();
      const counter = new Int32Array(arena.memory.buffer, value.offset, 1);
      counter[0]++;
      Atomics.add(words, 0, 1);
    }
  },
  // Lock, increment, unlock through the ledger, with a poll between each step, `times` times.
  locked({ key, times, done }, control, ledger) {
    const value = arena.require(key);
    const locks = ledger.over(arena);
    for (let i = 0; i < times; i++) {
      control.poll();
      locks.lockWrite(value);
      control.poll();
      const counter = new Int32Array(arena.memory.buffer, value.offset, 2);
      // Two holders at once would see the flag set.
      if (counter[1] !== 0) throw new Error('two holders of the write lock at once');
      counter[1] = 1;
      counter[0]++;
      control.poll();
      counter[1] = 0;
      locks.unlockWrite(value);
      Atomics.add(new Int32Array(done), 0, 1);
    }
  },
  // Create keys, forever (the parent terminates the thread at any instruction).
  table({ prefix }) {
    for (let i = 0; ; i++) arena.bytes(arena.ensure(`${prefix}-${i}`, 1 + (i % 300))).fill(i & 0xff);
  },
};

parentPort.on('message', ({ script, control: buffer, ledger: ledgerBuffer, ...args }) => {
  const control = new FaasletControl(buffer);
  const ledger = new LockLedger(ledgerBuffer);
  setCurrentControl(control);
  let outcome;
  try {
    scripts[script](args, control, ledger);
    outcome = control.finish() ? 'finished' : 'killed';
    if (outcome === 'finished') ledger.releaseAll(arena);
  } catch (error) {
    if (!(error instanceof FaasletKilled)) throw error;
    outcome = 'killed';
  } finally {
    setCurrentControl(null);
  }
  parentPort.postMessage(outcome);
});
parentPort.postMessage('ready');
