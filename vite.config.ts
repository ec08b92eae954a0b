/** @module Vite config of the web UI: root web/, output dist/web (served by `gorust serve`), /api proxied to the dev server; the knowledge base and examples are parsed at build time (web/build/prebuilt-data.ts). */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { prebuiltData } from './web/build/prebuilt-data.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: 'web',
  base: './',
  plugins: [react(), prebuiltData(root)],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    rolldownOptions: {
      // yaml declares no `sideEffects`, so the bundler would keep parts of it nothing calls; it has none at import
      // time. (It stays out of the entry chunk because the first load imports src/core/browser.ts, not index.ts.)
      treeshake: { moduleSideEffects: [{ test: /node_modules[\\/]yaml[\\/]/, sideEffects: false }] },
    },
  },
  server: {
    host: '127.0.0.1',
    fs: { allow: ['..'] },
    proxy: { '/api': 'http://127.0.0.1:5317' },
  },
});
