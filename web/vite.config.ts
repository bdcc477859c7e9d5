/**
 * @module web/vite.config
 * Builds the browser client: React with the automatic JSX runtime, hashed file names under
 * `assets/` (served as immutable by src/web/client-assets.ts), and a manifest that the bundle budget
 * test reads to measure what the first screen downloads. The output folder is chosen by the caller
 * (src/web/client-build.ts builds into `web/dist/<source hash>/`).
 */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react()],
  // No public/ folder: every file the client needs is imported and so hashed.
  publicDir: false,
  build: {
    manifest: true,
    target: 'es2022',
    // Keep the map's data (world-atlas, 110 m) a file of its own, fetched only by the Countries screen.
    assetsInlineLimit: 0,
    sourcemap: false,
    reportCompressedSize: false,
  },
});
