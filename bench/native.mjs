// Native baseline for issue 4: the same kernel + harness sources as the browser suite, built with
// `gcc -O2` against a stub Faasm header (kernels/native/), run with private data. Gives the
// denominator of rewrite.raw_vs_native_x: how far raw wasm in Chromium is from the metal.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const KERNELS = ['matmul', 'jacobi', 'histogram', 'hashtable'];
const GCC = '/usr/bin/gcc';
const kernels = fileURLToPath(new URL('./kernels/', import.meta.url));

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * Median kernel ms and the checksum per kernel, or `{ skipped: why }` when gcc is missing.
 * Runs are interleaved across kernels so a burst of load on the shared machine hits all alike.
 */
export function runNative(runs = 9) {
  if (!existsSync(GCC)) return { skipped: `${GCC} not found` };
  const dir = mkdtempSync(join(tmpdir(), 'faaslet-bench-native-'));
  try {
    const binaries = Object.fromEntries(KERNELS.map((kernel) => {
      const binary = join(dir, kernel);
      // One translation unit, as the browser suite builds it; no FMA contraction, so the
      // floating-point checksums match wasm (which has no FMA) on any host CPU.
      execFileSync(GCC, ['-O2', '-ffp-contract=off', '-I', kernels, '-I', join(kernels, 'native'), '-x', 'c', '-',
        '-o', binary], { input: `#include "${kernel}.c"\n#include "harness.c"\n` });
      return [kernel, binary];
    }));
    const samples = Object.fromEntries(KERNELS.map((kernel) => [kernel, []]));
    const checksums = {};
    for (let i = 0; i < runs; i++) {
      for (const kernel of KERNELS) {
        const out = execFileSync(binaries[kernel], { env: { ...process.env, BENCH_INPUT: 'private' } }).toString().trim();
        const [ms, checksum] = out.split(' ');
        if (checksums[kernel] !== undefined && checksums[kernel] !== checksum) {
          throw new Error(`native ${kernel}: checksum changed between runs (${checksums[kernel]} vs ${checksum})`);
        }
        checksums[kernel] = checksum;
        samples[kernel].push(Number(ms));
      }
    }
    return { kernels: Object.fromEntries(KERNELS.map((k) => [k, { ms: median(samples[k]), checksum: checksums[k] }])) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
