import { describe, expect, it } from 'vitest';
import { clearMailbox, createMailbox, MAILBOX_CAPACITY, postAnswer, waitForAnswer } from './mailbox';

describe('the await mailbox', () => {
  it('carries a return code, output bytes and an error text', () => {
    const mailbox = createMailbox();
    clearMailbox(mailbox);
    postAnswer(mailbox, { returnCode: 3, output: new Uint8Array([1, 2, 3]), error: 'callee trapped' });
    expect(waitForAnswer(mailbox)).toEqual({ returnCode: 3, output: new Uint8Array([1, 2, 3]), error: 'callee trapped' });
  });

  it('refuses an output larger than it holds, with a message, and no partial bytes', () => {
    const mailbox = createMailbox();
    clearMailbox(mailbox);
    postAnswer(mailbox, { returnCode: 0, output: new Uint8Array(MAILBOX_CAPACITY + 1), error: null });
    const answer = waitForAnswer(mailbox);
    expect(answer.returnCode).toBe(1);
    expect(answer.output.byteLength).toBe(0);
    expect(answer.error).toMatch(/exceeds the mailbox/);
  });
});
