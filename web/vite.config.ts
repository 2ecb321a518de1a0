// Vite config of the web workspace: `vite build web` writes web/dist, which `clew serve` serves.
// Development with hot reload: run `clew serve --case C --no-open`, then
// `CLEW_TOKEN=<token from its URL> CLEW_API=http://127.0.0.1:5177 npx vite web` and open Vite's URL.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const api = process.env.CLEW_API ?? 'http://127.0.0.1:5177';
const token = process.env.CLEW_TOKEN ?? '';

/**
 * maplibre-gl ships one prebuilt, minified 1.1 MB ES module (dist/maplibre-gl.mjs) that no bundler
 * can split. The build serves it as it is, as a file of its own next to its worker (same origin,
 * so CSP script-src 'self' holds), and the Map view's chunk imports it from there: every chunk the
 * bundler makes stays below its 500 kB warning. Development (`vite web`) resolves it as usual.
 */
function maplibreVendorFile(): Plugin {
  const require = createRequire(import.meta.url);
  const version = (require('maplibre-gl/package.json') as { version: string }).version;
  const fileName = `assets/maplibre-gl-${version}.mjs`;
  return {
    name: 'clew:maplibre-vendor-file',
    apply: 'build',
    enforce: 'pre',
    resolveId(id) {
      return id === 'maplibre-gl' ? { id: `/${fileName}`, external: true } : null;
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName, source: readFileSync(require.resolve('maplibre-gl/dist/maplibre-gl.mjs')) });
    },
  };
}

export default defineConfig({
  plugins: [react(), maplibreVendorFile()],
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // no inline scripts anywhere: the server's CSP forbids them
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    rolldownOptions: {
      output: {
        // echarts and its renderer zrender in chunks of their own (each below 500 kB), loaded with the charts
        codeSplitting: {
          groups: [
            { name: 'zrender', test: /[\\/]node_modules[\\/]zrender[\\/]/ },
            { name: 'echarts', test: /[\\/]node_modules[\\/]echarts[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    host: '127.0.0.1',
    strictPort: true,
    proxy: {
      '/api': { target: api, changeOrigin: true, headers: token ? { Authorization: `Bearer ${token}` } : {} },
    },
  },
});
