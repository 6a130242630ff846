// Test-only worker: a Faaslet's memory 0 growing a page at a time against the shared budget until refused.
import { parentPort, workerData } from 'node:worker_threads';

const { bundle, budget, maxPages } = workerData;
const { CountedPages, MemoryGrowth } = await import(bundle);
const memory = new WebAssembly.Memory({ initial: 1, maximum: maxPages, shared: true });
const counted = CountedPages.create(0);
const growth = new MemoryGrowth(memory);
const lines = [];
growth.begin({ budget, memory: counted.buffer, arena: null, maxPages }, memory, (text) => lines.push(text), () => {});
let grown = 0;
while (growth.grow(1) !== -1) grown++;
// Refused once: a second try is refused too, and reported no more.
const again = growth.grow(1);
parentPort.postMessage({ grown, again, counted: counted.pages, size: memory.buffer.byteLength / 65536, lines });
