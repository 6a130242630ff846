/**
 * Test-only: Node's worker_threads cannot load TypeScript, so bundle the state module to one ES
 * module file that a worker can import.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';

/** `entryUrl`: another module to bundle instead (one that re-exports the state module with more). */
export async function bundleStateModule(entryUrl = new URL('../index.ts', import.meta.url)): Promise<string> {
  const entry = fileURLToPath(entryUrl);
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    build: { write: false, minify: false, lib: { entry, formats: ['es'], fileName: 'state' } },
  });
  const outputs = Array.isArray(result) ? result : [result];
  const chunk = outputs
    .flatMap((output) => ('output' in output ? output.output : []))
    .find((item) => item.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error('bundling runtime/state produced no chunk');
  const file = join(mkdtempSync(join(tmpdir(), 'faaslet-state-')), 'state.mjs');
  writeFileSync(file, chunk.code);
  return pathToFileURL(file).href;
}
