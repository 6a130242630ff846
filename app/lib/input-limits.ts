/**
 * The stated maximums of what a person types or opens: a call's input in the Input box and
 * what a share link carries. Past them the page would copy hundreds of MiB through the store,
 * the saved workspace and the runtime (a 200 MiB input crashed the tab; 16 MiB froze it and
 * filled the browser's storage), so larger data comes from a file in the Files tab instead.
 */
import { formatSize } from './bytes';

/** The Input box: 1 MiB of UTF-8, what faasmGetInput() hands the function. */
export const MAX_INPUT_BYTES = 1 << 20;
/**
 * A file from the Files tab as a call's input: copied once into the call (and its Faaslet's
 * memory), so bounded well below the page's memory budget; past it, fopen() reads the file.
 */
export const MAX_FILE_INPUT_BYTES = 64 << 20;
/** The source a share link carries, and its input (MAX_INPUT_BYTES). */
export const MAX_LINK_SOURCE_BYTES = 1 << 20;
/** A share link's hash, before it is decompressed: an lz-string hash of 1 MiB of code is far shorter. */
export const MAX_LINK_CHARS = 1 << 20;

/** UTF-8 length, without encoding the text. */
export function utf8Bytes(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x800 && (code < 0xd800 || code > 0xdfff)) bytes += 2;
    else if (code >= 0x80 && code < 0x800) bytes += 1;
    // A surrogate pair is 4 bytes: 2 + 2 for its two halves.
    else if (code >= 0xd800 && code <= 0xdfff) bytes += 1;
  }
  return bytes;
}

const FILES_HINT = 'For larger data, upload it as a file in the Files tab and read it with fopen() in the function.';

/** Why an input of this size is refused, or null. `what` says where it came from. */
export function inputRefusal(bytes: number, what: string): string | null {
  if (bytes <= MAX_INPUT_BYTES) return null;
  return `${what} was refused: it is ${formatSize(bytes)}, and the Input box takes at most ${formatSize(MAX_INPUT_BYTES)}. ${FILES_HINT} The input was left as it was.`;
}
