import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/** Renderer pages: the UI window and the hidden engine window. Relative base so file:// (Electron) and http:// (browser host) both load them. */
export default defineConfig({
  root: resolve(import.meta.dirname, 'src'),
  base: './',
  build: {
    outDir: resolve(import.meta.dirname, 'dist/renderer'),
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: true,
    rollupOptions: {
      input: {
        ui: resolve(import.meta.dirname, 'src/ui/index.html'),
        engine: resolve(import.meta.dirname, 'src/engine/index.html'),
      },
    },
  },
});
