import { describe, expect, it } from 'vitest';
import { bytesToText, hexDump } from './bytes';

describe('bytesToText', () => {
  it('replaces invalid UTF-8 instead of throwing', () => {
    expect(bytesToText(new Uint8Array([0x68, 0x69, 0xff]))).toBe('hi\uFFFD');
  });
});

describe('hexDump', () => {
  it('prints offset, 16 bytes and ASCII per line', () => {
    const bytes = new TextEncoder().encode('Hello, Faaslet world!');
    const lines = hexDump(bytes).split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('00000000  48 65 6c 6c 6f 2c 20 46 61 61 73 6c 65 74 20 77  Hello, Faaslet w');
    expect(lines[1]).toBe('00000010  6f 72 6c 64 21' + ' '.repeat(33) + '  orld!');
  });

  it('is empty for no bytes', () => {
    expect(hexDump(new Uint8Array())).toBe('');
  });
});
