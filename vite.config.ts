/** @module Vite config of the web UI: root web/, output dist/web (served by `gorust serve`), /api proxied to the dev server. */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'web',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    // The UI runs the same core as the CLI; one chunk keeps the served folder simple.
    chunkSizeWarningLimit: 1500,
  },
  server: {
    host: '127.0.0.1',
    // kb/*.yaml and examples/*.yaml live outside web/ and are imported with ?raw.
    fs: { allow: ['..'] },
    proxy: { '/api': 'http://127.0.0.1:5317' },
  },
});
