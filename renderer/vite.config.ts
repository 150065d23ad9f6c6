import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * The dev server injects an inline script (React Fast Refresh) that the page's strict CSP would
 * block; only `vite dev` drops the CSP meta tag. Built pages keep it.
 */
function relaxCspForDevServer(): Plugin {
  return {
    name: 'ferry-relax-csp-for-dev-server',
    apply: 'serve',
    transformIndexHtml: (html) =>
      html.replace(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>/, ''),
  };
}

// `import.meta.dirname` is replaced by Vite with this file's folder when it loads the config.
export default defineConfig({
  root: import.meta.dirname,
  // Electron loads the page from file://, so every asset URL must be relative.
  base: './',
  plugins: [react(), relaxCspForDevServer()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    target: 'es2022',
    // Inline assets would become data: URLs the CSP does not allow for scripts and fonts.
    assetsInlineLimit: 0,
  },
});
