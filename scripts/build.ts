import { type BuildOptions, build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';

// Builds every target into dist/: the renderer (vite), the web host's bridge, and with the shell also
// Electron's main process, preload and core worker (esbuild). `--web` skips the Electron bundles.
const webOnly = process.argv.includes('--web');

await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' });

await esbuild({
  entryPoints: ['main/web/bridge/web-bridge.ts'],
  outfile: 'dist/web/web-bridge.js',
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2023',
  minify: true,
  logLevel: 'warning',
});

if (!webOnly) {
  const node: BuildOptions = { bundle: true, platform: 'node', target: 'node22', external: ['electron'], logLevel: 'warning' };
  await esbuild({
    ...node,
    entryPoints: { main: 'main/electron/main.ts', 'core-worker': 'main/core/worker/core-worker.ts' },
    outdir: 'dist/electron',
    outExtension: { '.js': '.mjs' },
    format: 'esm',
    // Bundled CommonJS dependencies still call require(); give the ESM bundle one.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  });
  // A sandboxed preload must be a single CommonJS file.
  await esbuild({ ...node, entryPoints: ['main/electron/preload.ts'], outfile: 'dist/electron/preload.cjs', format: 'cjs' });
}
console.log(`built dist/renderer, dist/web${webOnly ? '' : ', dist/electron'}`);
