/**
 * A Faaslet's mailbox: a SharedArrayBuffer the host agent writes an await's answer into while
 * the Faaslet blocks in Atomics.wait (the fallback where JSPI is missing; DESIGN.md).
 *
 * Layout (little-endian i32 words, then bytes): [state, returnCode, outputLength, errorLength,
 * output…, error…]. state: 0 empty, 1 answered.
 */
import { blockingWait } from '../faaslet/control';
import type { AwaitAnswer } from '../faaslet/protocol';

const HEADER_BYTES = 16;
/** Outputs up to this size fit; a larger one is refused with a message. */
export const MAILBOX_CAPACITY = 1 << 20;

export function createMailbox(): SharedArrayBuffer {
  return new SharedArrayBuffer(HEADER_BYTES + MAILBOX_CAPACITY + 4096);
}

const encoder = new TextEncoder();

/** Host agent side: write the answer and wake the Faaslet. */
export function postAnswer(mailbox: SharedArrayBuffer, answer: AwaitAnswer): void {
  const words = new Int32Array(mailbox, 0, 4);
  const bytes = new Uint8Array(mailbox, HEADER_BYTES);
  let { output, error, returnCode } = answer;
  if (output.byteLength > MAILBOX_CAPACITY) {
    error = `the awaited call's output (${output.byteLength} bytes) exceeds the mailbox (${MAILBOX_CAPACITY} bytes); JSPI has no such limit`;
    output = new Uint8Array();
    returnCode = returnCode || 1;
  }
  const errorBytes = encoder.encode(error ?? '').subarray(0, 4096);
  bytes.set(output, 0);
  bytes.set(errorBytes, output.byteLength);
  words[1] = returnCode;
  words[2] = output.byteLength;
  words[3] = errorBytes.byteLength;
  Atomics.store(words, 0, 1);
  Atomics.notify(words, 0);
}

/** Faaslet side: mark the mailbox empty before asking, so a fast answer is not missed. */
export function clearMailbox(mailbox: SharedArrayBuffer): void {
  Atomics.store(new Int32Array(mailbox, 0, 1), 0, 0);
}

/**
 * Faaslet side: block until answered; spin briefly first (waking an idle thread costs ~40 µs).
 * The wait is a kill point (faaslet/control.ts): a Faaslet killed meanwhile throws on waking.
 */
export function waitForAnswer(mailbox: SharedArrayBuffer): AwaitAnswer {
  const words = new Int32Array(mailbox, 0, 4);
  for (let spin = 0; spin < 2000 && Atomics.load(words, 0) === 0; spin++);
  if (Atomics.load(words, 0) === 0) {
    blockingWait(() => {
      while (Atomics.load(words, 0) === 0) Atomics.wait(words, 0, 0);
    });
  }
  const outputLength = words[2]!;
  const errorLength = words[3]!;
  const bytes = new Uint8Array(mailbox, HEADER_BYTES);
  const errorText = new TextDecoder().decode(bytes.slice(outputLength, outputLength + errorLength));
  return {
    returnCode: words[1]!,
    output: bytes.slice(0, outputLength),
    error: errorLength > 0 ? errorText : null,
  };
}
