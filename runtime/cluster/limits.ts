/** What one function's Faaslets may use (FunctionLimits): the defaults and the bounds. */
import type { FunctionLimits } from '../api';

/** 256 MiB, well under the 2 GiB private half of the address space; sockets unshaped. */
export const DEFAULT_LIMITS: FunctionLimits = { memoryMiB: 256, bytesPerSecond: null };
/** Memory 0 is imported with a maximum of 32767 pages (toolchain/memory-import.ts). */
export const MAX_MEMORY_LIMIT_MIB = 2047;
export const PAGES_PER_MIB = 16;

/** Why a Faaslet could not have these limits, or null. A bandwidth of 0 means unshaped. */
export function checkLimits({ memoryMiB, bytesPerSecond }: FunctionLimits): string | null {
  if (!Number.isInteger(memoryMiB) || memoryMiB < 1 || memoryMiB > MAX_MEMORY_LIMIT_MIB) {
    return `the memory limit must be a whole number of MiB from 1 to ${MAX_MEMORY_LIMIT_MIB}, not ${memoryMiB}`;
  }
  if (bytesPerSecond !== null && !(Number.isFinite(bytesPerSecond) && bytesPerSecond >= 0)) {
    return `the bandwidth must be a number of bytes per second, 0 or more, not ${bytesPerSecond}`;
  }
  return null;
}
