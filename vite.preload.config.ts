import { defineConfig } from 'vite';

// The preload script: one CommonJS file, since a sandboxed preload cannot load ES modules or
// require anything but `electron`. Written next to the main process's build output.
export default defineConfig({
  build: {
    outDir: 'dist/electron/preload',
    emptyOutDir: false,
    minify: false,
    sourcemap: false,
    target: 'chrome130',
    lib: {
      entry: 'electron/preload/preload.ts',
      formats: ['cjs'],
      fileName: () => 'preload.cjs',
    },
    rollupOptions: {
      external: ['electron'],
    },
  },
});
