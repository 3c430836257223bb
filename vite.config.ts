import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer: built to static files that the Electron shell serves from app:// and the browser host over http.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // No inline scripts or styles: the CSP allows only 'self'.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
