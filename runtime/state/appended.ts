/**
 * Appended state: a key's list of elements, apart from its value (Faasm keeps it apart too).
 * Elements live in a chain of chunks in the arena memory; clearing keeps the chunks for the
 * next appends to reuse, since the bump allocator never frees. All calls hold the table mutex.
 * The record's count is each change's commit point (an append bumps it last, a clear zeroes it
 * first), so a holder cut off midway is rolled back to it (rollBackAppended, recover.ts).
 *
 * Chunk: [next i32, capacity i32, used i32, 0] then records [length i32, bytes, pad to 4].
 */
import { allocate } from './alloc';
import { StateError } from './errors';
import { type Meta, NONE, R } from './layout';

const CHUNK_HEADER = 16;
const MIN_CHUNK = 4096 - CHUNK_HEADER;
const NEXT = 0;
const CAPACITY = 4;
const USED = 8;

const padded = (length: number) => 4 + Math.ceil(length / 4) * 4;

function newChunk(meta: Meta, memory: WebAssembly.Memory, need: number, key: string): number {
  const capacity = Math.max(MIN_CHUNK, need);
  const chunk = allocate(meta, memory, CHUNK_HEADER + capacity, `appended state of key "${key}"`);
  const view = new DataView(memory.buffer, chunk, CHUNK_HEADER);
  view.setInt32(NEXT, NONE, true);
  view.setInt32(CAPACITY, capacity, true);
  return chunk;
}

export function appendTo(meta: Meta, memory: WebAssembly.Memory, slot: number, key: string, data: Uint8Array): void {
  const need = padded(data.byteLength);
  let tail = meta.get(slot, R.APPEND_TAIL);
  if (tail === NONE) {
    tail = newChunk(meta, memory, need, key);
    meta.set(slot, R.APPEND_HEAD, tail);
  } else {
    const view = new DataView(memory.buffer);
    if (view.getInt32(tail + USED, true) + need > view.getInt32(tail + CAPACITY, true)) {
      const next = view.getInt32(tail + NEXT, true);
      if (next !== NONE && view.getInt32(next + CAPACITY, true) >= need) {
        tail = next;
      } else {
        // A kept chunk too small for this element stays in the chain, after the new one.
        const chunk = newChunk(meta, memory, need, key);
        const grown = new DataView(memory.buffer);
        grown.setInt32(chunk + NEXT, next, true);
        grown.setInt32(tail + NEXT, chunk, true);
        tail = chunk;
      }
    }
  }
  // Views are taken after any growth: a grown memory has a new `.buffer`.
  const view = new DataView(memory.buffer);
  const used = view.getInt32(tail + USED, true);
  view.setInt32(tail + CHUNK_HEADER + used, data.byteLength, true);
  new Uint8Array(memory.buffer, tail + CHUNK_HEADER + used + 4, data.byteLength).set(data);
  view.setInt32(tail + USED, used + need, true);
  meta.set(slot, R.APPEND_TAIL, tail);
  meta.add(slot, R.APPEND_BYTES, data.byteLength);
  meta.add(slot, R.APPEND_COUNT, 1);
}

export function readAppendedOf(
  meta: Meta,
  memory: WebAssembly.Memory,
  slot: number,
  key: string,
  maxBytes: number,
  count: number,
): Uint8Array {
  const have = slot < 0 ? 0 : meta.get(slot, R.APPEND_COUNT);
  if (count > have) throw new StateError(`key "${key}" has ${have} appended elements; ${count} were asked for`);
  const view = new DataView(memory.buffer);
  const elements: Uint8Array[] = [];
  let total = 0;
  for (let chunk = count > 0 ? meta.get(slot, R.APPEND_HEAD) : NONE; elements.length < count; ) {
    const used = view.getInt32(chunk + USED, true);
    for (let at = 0; at < used && elements.length < count; ) {
      const length = view.getInt32(chunk + CHUNK_HEADER + at, true);
      elements.push(new Uint8Array(memory.buffer, chunk + CHUNK_HEADER + at + 4, length));
      total += length;
      at += padded(length);
    }
    chunk = view.getInt32(chunk + NEXT, true);
  }
  if (total > maxBytes) {
    throw new StateError(
      `the first ${count} appended elements of key "${key}" are ${total} bytes; the buffer holds ${maxBytes}`,
    );
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const element of elements) {
    out.set(element, at);
    at += element.byteLength;
  }
  return out;
}

export function clearAppendedOf(meta: Meta, memory: WebAssembly.Memory, slot: number): void {
  meta.set(slot, R.APPEND_COUNT, 0);
  rollBackAppended(meta, memory, slot);
}

/**
 * Make the chain agree with the record's count: chunks keep the first `count` elements, the
 * tail is the chunk the last of them is in, and later chunks are empty (kept for reuse).
 */
export function rollBackAppended(meta: Meta, memory: WebAssembly.Memory, slot: number): void {
  const head = meta.get(slot, R.APPEND_HEAD);
  const count = meta.get(slot, R.APPEND_COUNT);
  const view = new DataView(memory.buffer);
  let kept = 0;
  let bytes = 0;
  let tail = head;
  for (let chunk = head; chunk !== NONE; chunk = view.getInt32(chunk + NEXT, true)) {
    const used = view.getInt32(chunk + USED, true);
    let at = 0;
    for (; at < used && kept < count; kept++) {
      const length = view.getInt32(chunk + CHUNK_HEADER + at, true);
      bytes += length;
      at += padded(length);
    }
    if (at > 0 || chunk === head) tail = chunk;
    view.setInt32(chunk + USED, at, true);
  }
  // Fewer elements than counted: a cut clear; what is left is what there is.
  meta.set(slot, R.APPEND_TAIL, tail);
  meta.set(slot, R.APPEND_BYTES, bytes);
  meta.set(slot, R.APPEND_COUNT, kept);
}
