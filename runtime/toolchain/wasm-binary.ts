/** Just enough of the wasm binary format to edit sections: LEB128 and a bounds-checked reader. */

export class WasmFormatError extends Error {
  constructor(message: string) {
    super(`invalid wasm module: ${message}`);
    this.name = 'WasmFormatError';
  }
}

export class Reader {
  pos: number;
  constructor(readonly bytes: Uint8Array, start = 0, readonly end = bytes.length) {
    this.pos = start;
  }
  get done(): boolean { return this.pos >= this.end; }
  byte(): number {
    if (this.pos >= this.end) throw new WasmFormatError(`unexpected end at byte ${this.pos}`);
    return this.bytes[this.pos++] as number;
  }
  /** Unsigned LEB128 up to 32 bits. */
  u32(): number {
    let result = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      const b = this.byte();
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) {
        if (result > 0xffffffff) throw new WasmFormatError(`LEB128 too large at byte ${this.pos}`);
        return result;
      }
    }
    throw new WasmFormatError(`LEB128 too long at byte ${this.pos}`);
  }
  /** Skips any LEB128 (u64/s33 included) without decoding it. */
  skipLeb(): void {
    for (let i = 0; i < 10; i++) if ((this.byte() & 0x80) === 0) return;
    throw new WasmFormatError(`LEB128 too long at byte ${this.pos}`);
  }
  skip(n: number): void {
    if (n < 0 || this.pos + n > this.end) throw new WasmFormatError(`length ${n} runs past the end at byte ${this.pos}`);
    this.pos += n;
  }
  /** Skips a vec(byte) name. */
  skipName(): void { this.skip(this.u32()); }
}

export function u32leb(value: number): number[] {
  const out: number[] = [];
  let v = value >>> 0;
  do {
    let b = v & 0x7f;
    v >>>= 7;
    if (v !== 0) b |= 0x80;
    out.push(b);
  } while (v !== 0);
  return out;
}

export function name(text: string): number[] {
  const b = new TextEncoder().encode(text);
  return [...u32leb(b.length), ...b];
}

export interface Section {
  id: number;
  /** The section's whole encoding: id, size and content. */
  start: number;
  end: number;
  contentStart: number;
}

const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

export function readSections(bytes: Uint8Array): Section[] {
  if (bytes.length < 8 || HEADER.some((b, i) => bytes[i] !== b)) {
    throw new WasmFormatError('missing the \\0asm version 1 header');
  }
  const r = new Reader(bytes, 8);
  const sections: Section[] = [];
  while (!r.done) {
    const start = r.pos;
    const id = r.byte();
    const size = r.u32();
    const contentStart = r.pos;
    r.skip(size);
    sections.push({ id, start, end: r.pos, contentStart });
  }
  return sections;
}

export function encodeSection(id: number, content: number[] | Uint8Array): Uint8Array {
  const size = u32leb(content.length);
  const out = new Uint8Array(1 + size.length + content.length);
  out[0] = id;
  out.set(size, 1);
  out.set(content, 1 + size.length);
  return out;
}

export function concat(parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}
