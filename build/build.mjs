// Builds the app into out/: main-process bundles with esbuild, the preload as CommonJS, the UI with Vite.
// Usage: node build/build.mjs [--main-only]
import { build as esbuild } from 'esbuild';
import { copyFileSync, readFileSync, rmSync } from 'node:fs';
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

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
/**
 * The CLI bundles zod (every other package stays in node_modules): a command answered by a running service spends
 * most of its wall time starting up, and resolving zod's ~100 modules one by one was a fifth of it.
 */
const cliExternal = Object.keys({ ...packageJson.dependencies, ...packageJson.devDependencies }).filter(
  (name) => name !== 'zod',
);

const started = performance.now();
// Chunk names carry content hashes: drop the last build's so that out/ holds only what cli.js can import.
rmSync(fileURLToPath(new URL('../out/main/cli-chunks', import.meta.url)), { recursive: true, force: true });
/** @type {Promise<unknown>[]} */
const jobs = [
  esbuild({
    ...nodeBundle,
    entryPoints: {
      'inference-host': 'main/inference/inference-host-main.ts',
      'electron-main': 'main/app/electron-main.ts',
      'wav-render-worker': 'main/services/music/music-files/wav-render-worker.ts',
    },
    outdir: 'out/main',
  }),
  esbuild({
    ...nodeBundle,
    packages: undefined,
    external: cliExternal,
    entryPoints: { cli: 'main/cli/cli-main.ts' },
    // The engine (imported only when no service answers) and `serve` in chunks of their own, not parsed by a client.
    splitting: true,
    chunkNames: 'cli-chunks/[name]-[hash]',
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
// The gRPC front door reads its service definition at run time: ship it beside the bundles (see open-inference-proto.ts).
copyFileSync(
  new URL('../contract/grpc/open-inference.proto', import.meta.url),
  new URL('../out/main/open-inference.proto', import.meta.url),
);
console.log(`built out/ in ${Math.round(performance.now() - started)} ms${mainOnly ? ' (main only)' : ''}`);
