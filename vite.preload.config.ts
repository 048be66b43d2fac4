import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/**
 * The preloads, each bundled into one self-contained CommonJS file: a sandboxed preload cannot load local
 * modules, only a `require('electron')` subset, so everything but `electron` is inlined. One preload per run
 * (`--mode ui` or `--mode engine`), because a multi-entry build would share code through a chunk the sandbox
 * could not require. windows.ts loads them from dist-electron/electron/preload/, beside the emitted main process.
 */
export const PRELOADS = ['ui', 'engine'] as const;
type Preload = (typeof PRELOADS)[number];

export default defineConfig(({ mode }) => {
  if (!PRELOADS.includes(mode as Preload)) {
    throw new Error(`vite.preload.config.ts: pass --mode ${PRELOADS.join(' or --mode ')} (got "${mode}")`);
  }
  const preload = mode as Preload;
  return {
    root: import.meta.dirname,
    publicDir: false,
    envDir: false,
    logLevel: 'warn',
    build: {
      outDir: resolve(import.meta.dirname, 'dist-electron/electron/preload'),
      // The other preload lives in the same directory.
      emptyOutDir: false,
      target: 'chrome130',
      minify: false,
      sourcemap: false,
      copyPublicDir: false,
      reportCompressedSize: false,
      lib: {
        entry: resolve(import.meta.dirname, `electron/preload/${preload}.ts`),
        formats: ['cjs'],
        fileName: () => `${preload}.cjs`,
      },
      rollupOptions: {
        external: ['electron'],
        output: { codeSplitting: false },
      },
    },
  };
});
