/**
 * A call's input as the person wrote it: text (sent as its UTF-8 bytes, new lines and all) or
 * hex bytes ("48 65 6c 6c 6f", spaces, new lines, commas and 0x prefixes allowed), for inputs
 * that are not text, or a file from the Files tab (larger data: up to MAX_FILE_INPUT_BYTES).
 * What faasmGetInput() hands the function is exactly these bytes.
 */
import { formatSize } from './bytes';
import { MAX_FILE_INPUT_BYTES } from './input-limits';

export type HexRead = { ok: true; bytes: Uint8Array } | { ok: false; error: string };

export function parseHex(text: string): HexRead {
  const digits = text.replace(/0x/gi, '').replace(/[\s,]/g, '');
  const bad = /[^0-9a-f]/i.exec(digits);
  if (bad) return { ok: false, error: `The hex input has "${bad[0]}", which is not a hex digit.` };
  if (digits.length % 2) return { ok: false, error: `The hex input has ${digits.length} digits: bytes need two each.` };
  const bytes = new Uint8Array(digits.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(digits.slice(2 * i, 2 * i + 2), 16);
  return { ok: true, bytes };
}

export const toHex = (bytes: Uint8Array): string => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ');

/** The user's files, as the runtime keeps them. */
export interface InputFiles {
  /** Its size in bytes; null when there is no such file. */
  size(path: string): Promise<number | null>;
  read(path: string): Promise<Uint8Array>;
}

/** The bytes the call gets; throws with the reason when a hex input is not hex or the file is missing or too large. */
/** Where a function's input comes from, as a FunctionDoc keeps it. */
export interface CallInputSource {
  input: string;
  inputFormat?: 'hex';
  inputFile?: string;
}

export async function callInputBytes(doc: CallInputSource, files: InputFiles): Promise<Uint8Array> {
  if (doc.inputFile === '') throw new Error('Not run: the input is a file, and none is chosen: pick one beside Input, or switch it back to text.');
  if (doc.inputFile !== undefined) {
    const size = await files.size(doc.inputFile);
    if (size === null) throw new Error(`Not run: the input file ${doc.inputFile} is not in the Files tab (deleted, or from another workspace?).`);
    if (size > MAX_FILE_INPUT_BYTES) {
      throw new Error(`Not run: the input file ${doc.inputFile} is ${formatSize(size)}, and a call's input is at most ${formatSize(MAX_FILE_INPUT_BYTES)}. Read it with fopen() in the function instead.`);
    }
    return files.read(doc.inputFile);
  }
  if (doc.inputFormat !== 'hex') return new TextEncoder().encode(doc.input);
  const read = parseHex(doc.input);
  if (!read.ok) throw new Error(`Not run: ${read.error}`);
  return read.bytes;
}

/** The input in the other format, or the reason it cannot be shown so (bytes that are not UTF-8 text). */
export function convertInput(input: string, to: 'text' | 'hex'): { ok: true; input: string } | { ok: false; error: string } {
  if (to === 'hex') return { ok: true, input: toHex(new TextEncoder().encode(input)) };
  const read = parseHex(input);
  if (!read.ok) return read;
  try {
    return { ok: true, input: new TextDecoder('utf-8', { fatal: true }).decode(read.bytes) };
  } catch {
    return { ok: false, error: 'These bytes are not UTF-8 text, so they stay in hex.' };
  }
}
