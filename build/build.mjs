// Builds the app into out/: main-process bundles with esbuild, the preload as CommonJS, the UI with Vite.
// Usage: node build/build.mjs [--main-only]
import { build as esbuild } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const mainOnly = process.argv.includes('--main-only');

/** @type {import('esbuild').BuildOptions} */
const nodeBundle = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  packages: 'external',
  absWorkingDir: root,
  logLevel: 'warning',
};

const started = performance.now();
/** @type {Promise<unknown>[]} */
const jobs = [
  esbuild({
    ...nodeBundle,
    entryPoints: {
      cli: 'main/cli/cli-main.ts',
      'inference-host': 'main/inference/host-main.ts',
      'electron-main': 'main/app/electron-main.ts',
      'wav-render-worker': 'main/services/music-export/wav-render-worker.ts',
    },
    outdir: 'out/main',
  }),
  // A sandboxed preload may only require('electron'): everything else (the contract, zod) is bundled in.
  esbuild({
    ...nodeBundle,
    packages: undefined,
    external: ['electron'],
    format: 'cjs',
    entryPoints: { preload: 'main/preload/preload.ts' },
    outExtension: { '.js': '.cjs' },
    outdir: 'out/main',
  }),
];
if (!mainOnly) {
  const { build: viteBuild } = await import('vite');
  jobs.push(viteBuild({ configFile: fileURLToPath(new URL('vite.config.ts', import.meta.url)), logLevel: 'warn' }));
}
await Promise.all(jobs);
console.log(`built out/ in ${Math.round(performance.now() - started)} ms${mainOnly ? ' (main only)' : ''}`);
