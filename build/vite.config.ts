// Builds the UI into out/renderer with relative asset paths, so it loads from file:// (Electron) and http:// alike.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('../renderer/', import.meta.url));

export default defineConfig({
  root: here,
  base: './',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: fileURLToPath(new URL('../out/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 1024,
    // The page's icon (build/icon.svg) stays a file the server answers, rather than a data: URL in index.html.
    assetsInlineLimit: (file) => (file.endsWith('.svg') ? false : undefined),
  },
  server: {
    // `npx vite renderer` during UI work: API calls go to a running `mosaic serve`.
    proxy: { '/v1': 'http://127.0.0.1:7523' },
  },
});
