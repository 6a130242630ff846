import { defineConfig } from 'vitest/config';
import type { PluginOption } from 'vite';
import react from '@vitejs/plugin-react';
import { faasmApiPlugin } from './app/editor/api/vite-plugin.ts';

// SharedArrayBuffer needs a cross-origin isolated page (DESIGN.md).
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * precache.json: what public/coi-sw.js fetches at install so the page works offline after one
 * visit, the app shell and every hashed asset but the toolchain's (it caches those itself) and
 * the benchmark page's.
 */
function precacheList(): PluginOption {
  return {
    name: 'faaslet-precache-list',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((f) => !/(^|\/)llvm[^/]*\.(wasm|tar)$/.test(f) && !/(^|\/)bench/.test(f) && f !== 'index.html');
      this.emitFile({ type: 'asset', fileName: 'precache.json', source: JSON.stringify(['./', 'favicon.svg', ...files.sort()]) });
    },
  };
}

export default defineConfig({
  plugins: [react() as PluginOption, faasmApiPlugin(), precacheList()],
  server: { headers: isolationHeaders },
  preview: { headers: isolationHeaders },
  // Pre-bundling breaks @yowasp/clang's `new URL(…, import.meta.url)` asset loading.
  optimizeDeps: { exclude: ['@yowasp/clang', 'binaryen'] },
  worker: { format: 'es' },
  build: {
    target: 'esnext',
    chunkSizeWarningLimit: 20000,
    assetsInlineLimit: 0,
    rollupOptions: { input: { main: 'index.html', bench: 'bench/index.html' } },
  },
  test: {
    include: ['runtime/**/*.test.ts', 'app/**/*.test.ts'],
    testTimeout: 60000,
  },
});
