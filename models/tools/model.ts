// One command per model build: `npm run model -- build <name>[@<version>]` reproduces a shipped package from its
// versioned recipe (models/<name>/recipes/<version>.json), after checking that the corpora the recipe reads are the ones
// the committed manifest (models/corpora.json) fingerprints. Also: `list` (every recipe, its pipeline, corpora and
// package) and `corpora [--write]` (check, or re-fingerprint after a deliberate corpus update).
//
// A corpus fingerprint is what coreutils computes, so anyone can recount it without this tool:
//   (cd ../shared/data/<corpus> && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum) | sha256sum
// plus the file count and total bytes, which say at once whether files were added, removed or changed.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const python = process.env.MOSAIC_PYTHON ?? '/usr/bin/python3';

/** How each model family turns a recipe into a package: the commands, run from the repository root. */
type Pipeline = 'music-events' | 'music-arrange' | 'level-platformer' | 'level-dungeon';

interface ModelEntry {
  pipeline: Pipeline;
  /** Corpora (folders under the data root) the recipe reads; music recipes name theirs in `sources`. */
  corpora: (recipe: Recipe) => string[];
}

export interface Recipe {
  name?: string;
  version?: string;
  sources?: string[];
  card?: { version?: string };
  [key: string]: unknown;
}

/** The music sources a recipe's `sources` names, as corpus folders. */
const musicSources: Record<string, string> = {
  pop909: 'music/pop909',
  nottingham: 'music/nottingham',
  groove: 'music/groove-midi',
  mma: 'music/mma-groove-lib',
};

function musicCorpora(recipe: Recipe): string[] {
  return (recipe.sources ?? []).map((source) => {
    const corpus = musicSources[source];
    if (!corpus)
      throw new ModelBuildError(
        'BAD_RECIPE',
        `unknown source "${source}": one of ${Object.keys(musicSources).join(', ')}`,
      );
    return corpus;
  });
}

export const models: Record<string, ModelEntry> = {
  'music-melody': { pipeline: 'music-events', corpora: musicCorpora },
  'music-drums': { pipeline: 'music-events', corpora: musicCorpora },
  'music-arrange': { pipeline: 'music-arrange', corpora: musicCorpora },
  'music-arrange-cc-by': { pipeline: 'music-arrange', corpora: musicCorpora },
  'level-platformer': {
    pipeline: 'level-platformer',
    corpora: () => ['vglc/super-mario-bros', 'vglc/super-mario-bros-2-japan'],
  },
};

export class ModelBuildError extends Error {
  constructor(
    readonly code: 'BAD_REQUEST' | 'BAD_RECIPE' | 'CORPUS_MISSING' | 'CORPUS_CHANGED' | 'BUILD_FAILED',
    message: string,
  ) {
    super(message);
  }
}

/** Semantic-version order (a pre-release before its release), as models/common/mosaic_models/recipes.py sorts. */
export function compareVersions(a: string, b: string): number {
  const parse = (version: string) => {
    const match = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?$/.exec(version);
    if (!match) throw new ModelBuildError('BAD_RECIPE', `recipe "${version}.json": not a semantic version`);
    return [Number(match[1]), Number(match[2]), Number(match[3]), match[4] ? 0 : 1, match[4] ?? ''] as const;
  };
  const [x, y] = [parse(a), parse(b)];
  for (let i = 0; i < 4; i += 1) if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number);
  return x[4] < y[4] ? -1 : x[4] > y[4] ? 1 : 0;
}

export function recipeVersions(name: string, root = repoRoot): string[] {
  const folder = join(root, 'models', name, 'recipes');
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.slice(0, -'.json'.length))
    .sort(compareVersions);
}

export interface BuildTarget {
  name: string;
  version: string;
  recipePath: string;
  recipe: Recipe;
  corpora: string[];
  pipeline: Pipeline;
}

/** `name` or `name@version` → the recipe it means (the newest when no version is given). */
export function resolveTarget(spec: string, root = repoRoot): BuildTarget {
  const [name, asked] = spec.split('@') as [string, string | undefined];
  const entry = models[name];
  if (!entry) {
    throw new ModelBuildError('BAD_REQUEST', `no model "${name}": one of ${Object.keys(models).join(', ')}`);
  }
  const versions = recipeVersions(name, root);
  const version = asked ?? versions.at(-1);
  if (!version || !versions.includes(version)) {
    throw new ModelBuildError(
      'BAD_REQUEST',
      `${name} has no recipe ${asked ?? ''} (models/${name}/recipes/): versions ${versions.join(', ') || 'none'}`,
    );
  }
  const recipePath = join('models', name, 'recipes', `${version}.json`);
  const recipe = JSON.parse(readFileSync(join(root, recipePath), 'utf8')) as Recipe;
  return { name, version, recipePath, recipe, corpora: entry.corpora(recipe), pipeline: entry.pipeline };
}

/** The commands a build runs, in order (each a program and its arguments, run from the repository root). */
export function buildSteps(target: BuildTarget, threads: number): string[][] {
  const { recipePath, version } = target;
  switch (target.pipeline) {
    case 'music-events':
      return [
        [python, '-m', 'mosaic_music.train', recipePath, '--threads', `${threads}`],
        [python, '-m', 'mosaic_music.package', recipePath],
      ];
    case 'music-arrange':
      return [
        [python, '-m', 'mosaic_music.arrange_train', recipePath, '--threads', `${threads}`],
        [python, '-m', 'mosaic_music.arrange_package', recipePath],
      ];
    case 'level-platformer':
      return [['sh', 'models/level-platformer/build.sh', version]];
    case 'level-dungeon':
      return [['sh', `models/${target.name}/build.sh`, version]];
  }
}

export interface CorpusFingerprint {
  files: number;
  bytes: number;
  sha256: string;
}

function walk(folder: string, base: string, out: string[]): void {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) walk(path, base, out);
    else if (entry.isFile()) out.push(relative(base, path).split('\\').join('/'));
  }
}

/** The corpus folder's fingerprint: coreutils' `sha256sum` of the sorted `sha256sum` listing (see the top). */
export function fingerprintCorpus(folder: string): CorpusFingerprint {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new ModelBuildError(
      'CORPUS_MISSING',
      `${folder} is not there: the corpora live in ../shared/data (read-only)`,
    );
  }
  const files: string[] = [];
  walk(folder, folder, files);
  const paths = files.map((file) => `./${file}`).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const listing = createHash('sha256');
  let bytes = 0;
  for (const path of paths) {
    const content = readFileSync(join(folder, path));
    bytes += content.length;
    listing.update(`${createHash('sha256').update(content).digest('hex')}  ${path}\n`);
  }
  return { files: paths.length, bytes, sha256: listing.digest('hex') };
}

export interface CorporaManifest {
  root: string;
  corpora: Record<string, CorpusFingerprint>;
}

const manifestPath = (root: string) => join(root, 'models', 'corpora.json');

export function readCorporaManifest(root = repoRoot): CorporaManifest {
  return JSON.parse(readFileSync(manifestPath(root), 'utf8')) as CorporaManifest;
}

/** Checks the named corpora against the committed fingerprints; throws a coded error naming what changed. */
export function checkCorpora(corpora: string[], root = repoRoot, manifest = readCorporaManifest(root)): void {
  for (const corpus of corpora) {
    const expected = manifest.corpora[corpus];
    if (!expected) {
      throw new ModelBuildError(
        'CORPUS_CHANGED',
        `${corpus} has no fingerprint in models/corpora.json: add it with \`npm run model -- corpora --write ${corpus}\``,
      );
    }
    const found = fingerprintCorpus(resolve(root, manifest.root, corpus));
    if (found.sha256 !== expected.sha256) {
      throw new ModelBuildError(
        'CORPUS_CHANGED',
        `${corpus} is not the corpus the recipes were built from: ${found.files} files, ${found.bytes} bytes, ` +
          `sha256 ${found.sha256.slice(0, 12)}… (models/corpora.json: ${expected.files} files, ${expected.bytes} bytes, ` +
          `${expected.sha256.slice(0, 12)}…). Restore it, or if it changed on purpose re-fingerprint it with ` +
          `\`npm run model -- corpora --write ${corpus}\` and say so in the cards of the models you rebuild.`,
      );
    }
  }
}

function listModels(): void {
  for (const name of Object.keys(models)) {
    for (const version of recipeVersions(name)) {
      const target = resolveTarget(`${name}@${version}`);
      const packaged = existsSync(join(repoRoot, 'models', 'packages', name, version, 'manifest.json'));
      console.log(
        `${name}@${version}  ${target.pipeline}  corpora: ${target.corpora.join(', ')}  ` +
          `package: ${packaged ? `models/packages/${name}/${version}` : 'not built'}`,
      );
    }
  }
}

function corporaCommand(args: string[]): void {
  const write = args.includes('--write');
  const manifest = readCorporaManifest();
  const named = args.filter((arg) => !arg.startsWith('--'));
  const corpora = named.length > 0 ? named : Object.keys(manifest.corpora);
  let changed = 0;
  for (const corpus of corpora) {
    const found = fingerprintCorpus(resolve(repoRoot, manifest.root, corpus));
    const same = manifest.corpora[corpus]?.sha256 === found.sha256;
    if (!same) changed += 1;
    console.log(
      `${same ? 'ok' : write ? 'written' : 'CHANGED'}  ${corpus}: ${found.files} files, ${found.bytes} bytes, sha256 ${found.sha256}`,
    );
    if (write) manifest.corpora[corpus] = found;
  }
  if (write) {
    const sorted = Object.fromEntries(Object.entries(manifest.corpora).sort(([a], [b]) => a.localeCompare(b)));
    writeFileSync(manifestPath(repoRoot), `${JSON.stringify({ ...manifest, corpora: sorted }, null, 2)}\n`);
  } else if (changed > 0) {
    throw new ModelBuildError('CORPUS_CHANGED', `${changed} corpus fingerprints differ from models/corpora.json`);
  }
}

function build(args: string[]): void {
  // Arguments after `--` go to the pipeline's own build script (level-platformer: --skip-comparison).
  const split = args.indexOf('--');
  const passed = split >= 0 ? args.slice(split + 1) : [];
  args = split >= 0 ? args.slice(0, split) : args;
  const spec = args.find((arg) => !arg.startsWith('--'));
  if (!spec)
    throw new ModelBuildError('BAD_REQUEST', 'which model? `npm run model -- build <name>[@<version>]` (see `list`)');
  const threadsArg = args.find((arg) => arg.startsWith('--threads='));
  const threads = threadsArg ? Number(threadsArg.split('=')[1]) : 2;
  if (!Number.isInteger(threads) || threads < 1)
    throw new ModelBuildError('BAD_REQUEST', '--threads=N takes a whole number ≥ 1');
  const target = resolveTarget(spec);
  checkCorpora(target.corpora);
  console.log(`${target.name}@${target.version}: corpora ${target.corpora.join(', ')} match models/corpora.json`);
  const steps = buildSteps(target, threads);
  if (passed.length > 0) steps.at(-1)!.push(...passed);
  const env = {
    ...process.env,
    PYTHONPATH: ['models/common', 'models/music-common', `models/${target.name}`].join(delimiter),
  };
  for (const [program, ...rest] of steps) {
    console.log(`$ ${[program, ...rest].join(' ')}`);
    if (args.includes('--dry-run')) continue;
    const run = spawnSync(program as string, rest, { cwd: repoRoot, env, stdio: 'inherit' });
    if (run.status !== 0) {
      throw new ModelBuildError('BUILD_FAILED', `${program} ${rest.join(' ')} exited with ${run.status ?? run.signal}`);
    }
  }
  if (!args.includes('--dry-run')) {
    console.log(
      `built models/packages/${target.name}/${target.version}: \`git diff --stat models/packages/${target.name}\` shows what changed`,
    );
  }
}

const usage = `npm run model -- <command>
  list                              every recipe: its pipeline, corpora and package
  corpora [<corpus>...] [--write]   check the corpora against models/corpora.json (or re-fingerprint them)
  build <name>[@<version>] [--threads=N] [--dry-run] [-- <arguments for the pipeline's build script>]
                                    check the recipe's corpora, then train, export, quantize, evaluate and package`;

export function main(argv: string[]): number {
  const [command, ...args] = argv;
  try {
    if (command === 'list') listModels();
    else if (command === 'corpora') corporaCommand(args);
    else if (command === 'build') build(args);
    else {
      console.log(usage);
      return command === undefined || command === '--help' ? 0 : 64;
    }
    return 0;
  } catch (error) {
    if (!(error instanceof ModelBuildError)) throw error;
    console.error(`${error.code}: ${error.message}`);
    return error.code === 'BAD_REQUEST' || error.code === 'BAD_RECIPE' ? 64 : error.code === 'BUILD_FAILED' ? 70 : 65;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
