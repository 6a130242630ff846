import { describe, expect, it } from 'vitest';
import { callInputBytes, convertInput, parseHex, type InputFiles } from './call-input';

describe('call inputs', () => {
  it('reads hex with spaces, new lines, commas and 0x prefixes', () => {
    expect(parseHex('48 65\n6c,0x6c 6F')).toEqual({ ok: true, bytes: new Uint8Array([0x48, 0x65, 0x6c, 0x6c, 0x6f]) });
    expect(parseHex('')).toEqual({ ok: true, bytes: new Uint8Array() });
    expect(parseHex('4g')).toMatchObject({ ok: false, error: expect.stringContaining('"g"') });
    expect(parseHex('abc')).toMatchObject({ ok: false, error: expect.stringContaining('3 digits') });
  });

  const files: InputFiles = {
    size: async (path) => ({ 'in.bin': 3, 'huge.bin': 65 << 20 })[path] ?? null,
    read: async () => new Uint8Array([1, 2, 3]),
  };

  it('sends text as UTF-8 and hex as its bytes, and refuses bad hex with the reason', async () => {
    expect(await callInputBytes({ input: 'é\n' }, files)).toEqual(new Uint8Array([0xc3, 0xa9, 0x0a]));
    expect(await callInputBytes({ input: '00 ff', inputFormat: 'hex' }, files)).toEqual(new Uint8Array([0, 255]));
    await expect(callInputBytes({ input: 'zz', inputFormat: 'hex' }, files)).rejects.toThrow(/Not run: .*not a hex digit/);
  });

  it('sends a file\'s bytes, and refuses a missing file or one past the maximum', async () => {
    expect(await callInputBytes({ input: 'kept', inputFile: 'in.bin' }, files)).toEqual(new Uint8Array([1, 2, 3]));
    await expect(callInputBytes({ input: '', inputFile: 'gone.bin' }, files)).rejects.toThrow(/gone\.bin is not in the Files tab/);
    await expect(callInputBytes({ input: '', inputFile: 'huge.bin' }, files)).rejects.toThrow(/65 MiB, and a call's input is at most 64 MiB/);
  });

  it('converts between the formats, keeping bytes that are not text in hex', () => {
    expect(convertInput('Hi\n', 'hex')).toEqual({ ok: true, input: '48 69 0a' });
    expect(convertInput('48 69 0a', 'text')).toEqual({ ok: true, input: 'Hi\n' });
    expect(convertInput('ff fe', 'text')).toMatchObject({ ok: false });
  });
});
