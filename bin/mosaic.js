#!/usr/bin/env node
// The `mosaic` command: loads the compiled CLI (built by `npm install` through the prepare script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../out/main/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('mosaic: the app is not built yet; run "npm run build" in the Mosaic Studio folder.\n');
  process.exit(70);
}
await import(entry.href);
