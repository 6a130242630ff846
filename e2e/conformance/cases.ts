/**
 * The conformance cases (cases.json) and their functions' sources (this folder), for the spec
 * (e2e/conformance.spec.ts) and the benchmark step that reports how many pass (bench/conformance.mjs).
 */
import { readFileSync } from 'node:fs';

export interface ConformanceCase {
  file: string;
  input?: string;
  status: 'ok' | 'failed' | 'trapped';
  returnCode: number;
  output?: string;
  stdout?: string;
  stdoutPattern?: string;
  stderrPattern?: string;
  /** Runs in a row, each expected to give the same result (a Proto-Faaslet's reset). */
  runs?: number;
  /** The call and its chained calls must have run on this many hosts. */
  hosts?: number;
}

export const CONFORMANCE_USER = 'conform';

const folder = new URL('./', import.meta.url);

export const CASES: ConformanceCase[] = (JSON.parse(readFileSync(new URL('cases.json', folder), 'utf8')) as { cases: ConformanceCase[] }).cases;

export const functionName = (c: ConformanceCase) => c.file.replace(/\.(c|cpp)$/, '');
export const languageOf = (c: ConformanceCase): 'c' | 'cpp' => (c.file.endsWith('.cpp') ? 'cpp' : 'c');
export const sourceOf = (c: ConformanceCase) => readFileSync(new URL(c.file, folder), 'utf8');

/** Where the spec writes how many cases passed, for bench/run.mjs (test-results/ is Playwright's own output folder). */
export const SUMMARY_PATH = 'test-results/conformance-summary.json';
