import { defineConfig } from 'vitest/config';
import type { PluginOption } from 'vite';
import react from '@vitejs/plugin-react';
import { faasmApiPlugin } from './app/editor/api/vite-plugin.ts';

// SharedArrayBuffer needs a cross-origin isolated page (DESIGN.md).
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [react() as PluginOption, faasmApiPlugin()],
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
