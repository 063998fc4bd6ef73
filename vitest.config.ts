import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { pathAliases } from './build/path-aliases.js';

export default defineConfig({
  plugins: [react()],
  resolve: { alias: pathAliases },
  test: {
    // Node-side and codec tests run in Node; renderer tests opt into happy-dom per file
    // (`// @vitest-environment happy-dom`).
    include: ['test/**/*.test.{ts,tsx}'],
    // `npm run bench:state` (vitest bench); bench/*.bench.ts are plain Node scripts instead.
    benchmark: { include: ['test/**/*.bench.ts'] },
    testTimeout: 60_000,
  },
});
