// Type-checks each part of the app under its own tsconfig, so the dependency lines of DESIGN.md are enforced.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
/** @type {{ references: { path: string }[] }} */
const { references } = JSON.parse(readFileSync(new URL('../tsconfig.json', import.meta.url), 'utf8'));
const projects = references.map((reference) => reference.path);
const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));

/**
 * @param {string} project
 * @returns {Promise<{ project: string; code: number | null; output: string }>}
 */
function check(project) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [tsc, '-p', project, '--pretty'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ project, code, output }));
  });
}

/** @type {{ project: string; code: number | null; output: string }[]} */
const results = [];
const queue = [...projects];
const workers = Array.from({ length: 2 }, async () => {
  for (let project = queue.shift(); project !== undefined; project = queue.shift()) results.push(await check(project));
});
await Promise.all(workers);

let failed = 0;
for (const { project, code, output } of results.sort((a, b) => a.project.localeCompare(b.project))) {
  if (code === 0) console.log(`ok   ${project}`);
  else {
    failed += 1;
    console.log(`FAIL ${project}\n${output}`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
