import { describe, expect, it } from 'vitest';
import { callInputBytes, convertInput, parseHex } from './call-input';

describe('call inputs', () => {
  it('reads hex with spaces, new lines, commas and 0x prefixes', () => {
    expect(parseHex('48 65\n6c,0x6c 6F')).toEqual({ ok: true, bytes: new Uint8Array([0x48, 0x65, 0x6c, 0x6c, 0x6f]) });
    expect(parseHex('')).toEqual({ ok: true, bytes: new Uint8Array() });
    expect(parseHex('4g')).toMatchObject({ ok: false, error: expect.stringContaining('"g"') });
    expect(parseHex('abc')).toMatchObject({ ok: false, error: expect.stringContaining('3 digits') });
  });

  it('sends text as UTF-8 and hex as its bytes, and refuses bad hex with the reason', () => {
    expect(callInputBytes({ input: 'é\n' })).toEqual(new Uint8Array([0xc3, 0xa9, 0x0a]));
    expect(callInputBytes({ input: '00 ff', inputFormat: 'hex' })).toEqual(new Uint8Array([0, 255]));
    expect(() => callInputBytes({ input: 'zz', inputFormat: 'hex' })).toThrow(/Not run: .*not a hex digit/);
  });

  it('converts between the formats, keeping bytes that are not text in hex', () => {
    expect(convertInput('Hi\n', 'hex')).toEqual({ ok: true, input: '48 69 0a' });
    expect(convertInput('48 69 0a', 'text')).toEqual({ ok: true, input: 'Hi\n' });
    expect(convertInput('ff fe', 'text')).toMatchObject({ ok: false });
  });
});
