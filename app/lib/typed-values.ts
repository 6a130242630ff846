/** The bytes at an address read as each type a C programmer would ask for (little-endian, as wasm is). */

export interface TypedValue {
  type: string;
  text: string;
}

const decoder = new TextDecoder('utf-8', { fatal: false });

/** `bytes` start at the inspected address; types that do not fit in them are left out. */
export function typedValues(bytes: Uint8Array): TypedValue[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: TypedValue[] = [];
  const add = (type: string, size: number, read: () => string) => {
    if (bytes.byteLength >= size) out.push({ type, text: read() });
  };
  add('i8', 1, () => String(view.getInt8(0)));
  add('u8', 1, () => String(view.getUint8(0)));
  add('i16', 2, () => String(view.getInt16(0, true)));
  add('i32', 4, () => String(view.getInt32(0, true)));
  add('u32 / pointer', 4, () => `${view.getUint32(0, true)} (0x${view.getUint32(0, true).toString(16).padStart(8, '0')})`);
  add('i64', 8, () => String(view.getBigInt64(0, true)));
  add('f32', 4, () => String(view.getFloat32(0, true)));
  add('f64', 8, () => String(view.getFloat64(0, true)));
  const end = bytes.indexOf(0);
  const text = decoder.decode(bytes.subarray(0, end < 0 ? Math.min(bytes.length, 64) : Math.min(end, 64)));
  out.push({ type: 'UTF-8', text: JSON.stringify(text) });
  return out;
}

/** "0x80000000", "80000000", "2147483648" or "0x8000_0000" → the address, or null. */
export function parseAddress(text: string): number | null {
  const clean = text.trim().replace(/_/g, '');
  const value = /^0x[0-9a-f]+$/i.test(clean) || /^[0-9a-f]*[a-f][0-9a-f]*$/i.test(clean)
    ? Number.parseInt(clean.replace(/^0x/i, ''), 16)
    : /^\d+$/.test(clean) ? Number(clean) : NaN;
  return Number.isFinite(value) && value >= 0 && value <= 0xffff_ffff ? value : null;
}

export const hex32 = (n: number) => `0x${(n >>> 0).toString(16).padStart(8, '0')}`;
