import { fileURLToPath } from 'node:url';

import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Bundles the preload into one CommonJS file (`out/preload/preload.cjs`): Electron runs sandboxed
 * preloads as CommonJS and lets them `require` only its own modules, so everything else must be
 * inlined and `electron` must stay external. `npm run build:preload`.
 */
export default defineConfig({
  root,
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: 'out/preload',
    emptyOutDir: true,
    minify: false,
    sourcemap: false,
    copyPublicDir: false,
    // Electron 45 runs Chromium 140 and Node 22.
    target: 'es2023',
    lib: {
      entry: 'main/electron/preload.ts',
      formats: ['cjs'],
      fileName: () => 'preload.cjs',
    },
    rolldownOptions: { external: ['electron'] },
  },
});
