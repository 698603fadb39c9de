#!/usr/bin/env node
// `npm start`: the Electron app where its binary is installed; otherwise the Studio served for any browser.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function electronBinary() {
  try {
    // Under plain Node, the electron package exports the path of its binary, or throws when it was never fetched.
    const path = createRequire(import.meta.url)('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const electron = process.env.MOSAIC_NO_ELECTRON === '1' ? null : electronBinary();
if (electron) {
  const child = spawn(electron, [root, ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  process.stdout.write(
    'Electron is not installed here (fetch it with "npm run fetch-electron"); serving the Studio for your browser instead.\n',
  );
  // The CLI bundle runs its own argv on import, so hand it `serve` (MOSAIC_PORT overrides the default port).
  process.argv = [process.execPath, 'mosaic', 'serve', '--port', process.env.MOSAIC_PORT ?? '7523'];
  await import(new URL('../out/main/cli.js', import.meta.url).href);
}
