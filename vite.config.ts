import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { pathAliases } from './build/path-aliases.js';

// The renderer: one static page with relative asset URLs, so the same build runs from the
// desktop app's own protocol, from `npm run web`, or from any web server's sub-folder.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  resolve: { alias: pathAliases },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    // One ~530 kB bundle loaded from local files (or one origin): splitting it buys nothing.
    chunkSizeWarningLimit: 800,
  },
});
