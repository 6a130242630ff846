/** Output bytes as a person reads them: lenient UTF-8 text and a classic hex dump. */

const decoder = new TextDecoder('utf-8', { fatal: false });

export function bytesToText(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/** One line per 16 bytes: address (from `base`), hex bytes, printable ASCII. */
export function hexDump(bytes: Uint8Array, base = 0): string {
  const lines: string[] = [];
  for (let offset = 0; offset < bytes.length; offset += 16) {
    const row = bytes.subarray(offset, offset + 16);
    const hex = Array.from(row, (b) => b.toString(16).padStart(2, '0')).join(' ');
    const ascii = Array.from(row, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    lines.push(`${(base + offset).toString(16).padStart(8, '0')}  ${hex.padEnd(47)}  ${ascii}`);
  }
  return lines.join('\n');
}

export function formatMegabytes(bytes: number): string {
  return (bytes / 1_000_000).toFixed(1);
}

/** A size in KiB, where sizes are compared with each other (pages, images). */
export function formatKib(bytes: number): string {
  return `${(bytes / 1024).toLocaleString(undefined, { maximumFractionDigits: 1 })} KiB`;
}

/** A size in B, KiB or MiB, with at most one decimal. */
export function formatSize(n: number): string {
  const [value, unit] = n >= 1 << 20 ? [n / 2 ** 20, 'MiB'] : n >= 1024 ? [n / 1024, 'KiB'] : [n, 'B'];
  return `${value.toLocaleString('en', { maximumFractionDigits: 1 })} ${unit}`;
}

/** A memory size: MiB, or GiB from 1 GiB (budgets, whole-page totals). */
export function formatMemory(n: number): string {
  return n >= 2 ** 30 ? `${(n / 2 ** 30).toLocaleString('en', { maximumFractionDigits: 2 })} GiB` : formatSize(n);
}

export function formatMs(ms: number): string {
  return ms < 10 ? `${ms.toFixed(2)} ms` : ms < 1000 ? `${ms.toFixed(1)} ms` : `${(ms / 1000).toFixed(2)} s`;
}
