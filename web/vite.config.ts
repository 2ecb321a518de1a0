// Vite config of the web workspace: `vite build web` writes web/dist, which `clew serve` serves.
// Development with hot reload: run `clew serve --case C --no-open`, then
// `CLEW_TOKEN=<token from its URL> CLEW_API=http://127.0.0.1:5177 npx vite web` and open Vite's URL.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = process.env.CLEW_API ?? 'http://127.0.0.1:5177';
const token = process.env.CLEW_TOKEN ?? '';

export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // no inline scripts anywhere: the server's CSP forbids them
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
  server: {
    host: '127.0.0.1',
    strictPort: true,
    proxy: {
      '/api': { target: api, changeOrigin: true, headers: token ? { Authorization: `Bearer ${token}` } : {} },
    },
  },
});
