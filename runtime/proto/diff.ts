/** Which 64 KiB pages of memory 0 differ from an image: what a call (or a person) changed. */
import { PAGE_SIZE, type ProtoImage } from './image';

/**
 * Page indices where `memory` differs from the image, ascending. Pages past the image's size
 * count as changed when they hold a non-zero byte (the memory grew and was written).
 */
export function changedPages(image: ProtoImage, memory: Uint8Array): number[] {
  // The image as a full-size copy would cost its whole memory; compare extent by extent instead.
  const words = new Int32Array(memory.buffer, memory.byteOffset, memory.byteLength / 4);
  const dataWords = new Int32Array(image.data.buffer, image.data.byteOffset, image.data.byteLength / 4);
  const pages = memory.byteLength / PAGE_SIZE;
  const changed = new Uint8Array(pages);
  const markZeroCheck = (from: number, to: number) => {
    for (let w = from / 4; w < to / 4; w++) {
      if (words[w] !== 0) {
        const page = Math.floor((w * 4) / PAGE_SIZE);
        changed[page] = 1;
        w = ((page + 1) * PAGE_SIZE) / 4 - 1; // the rest of this page need not be read
      }
    }
  };
  let cleanFrom = 0;
  for (let i = 0, at = 0; i < image.extents.length; i += 2) {
    const [offset, length] = [image.extents[i]!, image.extents[i + 1]!];
    markZeroCheck(cleanFrom, Math.min(offset, memory.byteLength));
    for (let w = 0; w < length / 4 && offset + w * 4 < memory.byteLength; w++) {
      if (words[offset / 4 + w] !== dataWords[at / 4 + w]) changed[Math.floor((offset + w * 4) / PAGE_SIZE)] = 1;
    }
    at += length;
    cleanFrom = offset + length;
  }
  markZeroCheck(Math.min(cleanFrom, memory.byteLength), memory.byteLength);
  const result: number[] = [];
  for (let page = 0; page < pages; page++) if (changed[page]) result.push(page);
  // Pages the memory lost cannot exist (memories never shrink), but an image restored into a
  // smaller memory is refused by restoreImage; here the missing tail simply counts as changed.
  for (let page = pages; page < image.memoryBytes / PAGE_SIZE; page++) result.push(page);
  return result;
}
