// Runs the model pipelines' Python tests (every models/<folder>/tests suite, unittest) with Debian's Python, one suite
// after another, and fails when any fails — or when Python, torch or onnx is missing (it says what to install; it never
// skips). Part of `npm test`; one suite alone: /usr/bin/python3 -m unittest discover -s models/<folder>/tests.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const models = join(root, 'models');
const python = process.env.MOSAIC_PYTHON ?? '/usr/bin/python3';
/** Packages every pipeline imports, with the Debian package that provides each. @type {Record<string, string>} */
const needed = {
  torch: 'python3-torch (and libopenblas0-openmp)',
  onnx: 'python3-onnx',
  numpy: 'python3-numpy',
  mido: 'python3-mido',
  jsonschema: 'python3-jsonschema',
};

const probe = spawnSync(
  python,
  [
    '-c',
    `import importlib.util, sys; print(",".join(m for m in ${JSON.stringify(Object.keys(needed))} if importlib.util.find_spec(m) is None))`,
  ],
  { encoding: 'utf8' },
);
if (probe.error || probe.status !== 0) {
  console.error(
    `test:models: cannot run ${python} (${probe.error?.message ?? probe.stderr.trim()}); install python3 or set MOSAIC_PYTHON`,
  );
  process.exit(1);
}
const missing = probe.stdout.trim().split(',').filter(Boolean);
if (missing.length > 0) {
  const packages = missing.map((module) => needed[module]).join(' ');
  console.error(`test:models: ${python} lacks ${missing.join(', ')}: apt-get install ${packages}`);
  process.exit(1);
}

const only = process.argv.slice(2);
const suites = readdirSync(models, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(models, entry.name, 'tests')))
  .map((entry) => entry.name)
  .filter((name) => only.length === 0 || only.includes(name))
  .sort();
if (suites.length === 0) {
  console.error(`test:models: no models/<folder>/tests suite${only.length ? ` named ${only.join(', ')}` : ''}`);
  process.exit(1);
}

// The shared toolkits are importable from every suite; each suite also sees its own model folder.
const shared = ['common', 'music-common', 'research'].map((folder) => join(models, folder));
const failed = [];
for (const suite of suites) {
  const started = Date.now();
  const result = spawnSync(python, ['-m', 'unittest', 'discover', '-s', join(models, suite, 'tests')], {
    cwd: root,
    env: {
      ...process.env,
      PYTHONPATH: [join(models, suite), ...shared, process.env.PYTHONPATH].filter(Boolean).join(delimiter),
    },
    encoding: 'utf8',
  });
  const output = `${result.stdout}${result.stderr}`;
  const summary = output.match(/Ran \d+ tests? in [\d.]+s/)?.[0] ?? 'no tests ran';
  const verdict = output.trimEnd().split('\n').at(-1) ?? '';
  const ok = result.status === 0 && /^OK/.test(verdict);
  console.log(
    `${ok ? '✓' : '✗'} models/${suite}/tests: ${summary}, ${verdict} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  if (!ok) {
    failed.push(suite);
    process.stdout.write(output);
  }
}
if (failed.length > 0) {
  console.error(`test:models: ${failed.length} of ${suites.length} suites failed: ${failed.join(', ')}`);
  process.exit(1);
}
