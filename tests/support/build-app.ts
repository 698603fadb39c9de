// Vitest global setup: builds the app so integration tests fork the real inference host and serve the real UI.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  execFileSync(process.execPath, ['build/build.mjs'], { cwd: root, stdio: 'inherit' });
}
