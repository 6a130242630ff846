import { describe, expect, it } from 'vitest';
import { inputRefusal, MAX_INPUT_BYTES, utf8Bytes } from './input-limits';

describe('input limits', () => {
  it('measures UTF-8 as the function will receive it', () => {
    for (const text of ['', 'abc', 'héllo', '✓ done', '𝄞 clef', 'a\u0000b']) {
      expect(utf8Bytes(text)).toBe(new TextEncoder().encode(text).length);
    }
  });

  it('refuses past 1 MiB with both sizes and the way to pass larger data', () => {
    expect(inputRefusal(MAX_INPUT_BYTES, 'The input')).toBeNull();
    expect(inputRefusal(200 * 2 ** 20, 'The dropped file big.bin')).toBe(
      'The dropped file big.bin was refused: it is 200 MiB, and the Input box takes at most 1 MiB. ' +
        'For larger data, upload it as a file in the Files tab and read it with fopen() in the function. The input was left as it was.',
    );
  });
});
