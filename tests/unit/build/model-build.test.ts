// `npm run model`: recipes resolve to the version asked for, corpora are fingerprinted the way coreutils' sha256sum
// counts them, a changed corpus stops a build with a coded error, and every shipped package has its recipe.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ModelBuildError,
  buildSteps,
  checkCorpora,
  compareVersions,
  fingerprintCorpus,
  main,
  models,
  readCorporaManifest,
  recipeVersions,
  repoRoot,
  resolveTarget,
} from '../../../models/tools/model.js';

const folders: string[] = [];
function corpusFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'mosaic-corpus-'));
  folders.push(folder);
  mkdirSync(join(folder, 'a', 'deep'), { recursive: true });
  writeFileSync(join(folder, 'a', 'deep', 'song one.mid'), Buffer.from([0x4d, 0x54, 0x68, 0x64, 0, 0, 0, 6]));
  writeFileSync(join(folder, 'B.txt'), 'upper case sorts before lower in byte order\n');
  writeFileSync(join(folder, 'a.txt'), 'the a file\n');
  return folder;
}
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  vi.restoreAllMocks();
});

/** coreutils' own count: the sha256sum of the sorted sha256sum listing. */
function coreutilsFingerprint(folder: string): string {
  const script = 'find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum';
  return execFileSync('sh', ['-c', script], { cwd: folder, encoding: 'utf8' }).split(' ')[0]!;
}

describe('corpus fingerprints', () => {
  it('equal what coreutils computes, with the file count and bytes', () => {
    const folder = corpusFolder();
    const found = fingerprintCorpus(folder);
    expect(found).toEqual({ files: 3, bytes: 8 + 44 + 11, sha256: coreutilsFingerprint(folder) });
  });

  it('match the committed manifest for a real corpus, recounted by coreutils', () => {
    const manifest = readCorporaManifest();
    const folder = join(repoRoot, manifest.root, 'vglc/legend-of-zelda');
    expect(coreutilsFingerprint(folder)).toBe(manifest.corpora['vglc/legend-of-zelda']!.sha256);
    expect(() => checkCorpora(['vglc/super-mario-bros', 'music/mma-groove-lib'])).not.toThrow();
  });

  it('stop a build when a corpus file changes, saying how to restore or re-fingerprint', () => {
    const folder = corpusFolder();
    const manifest = { root: folder, corpora: { '.': fingerprintCorpus(folder) } };
    expect(() => checkCorpora(['.'], repoRoot, manifest)).not.toThrow();
    writeFileSync(join(folder, 'a.txt'), 'the a file, edited\n');
    let error: unknown;
    try {
      checkCorpora(['.'], repoRoot, manifest);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ModelBuildError);
    expect((error as ModelBuildError).code).toBe('CORPUS_CHANGED');
    expect((error as ModelBuildError).message).toMatch(/3 files, 71 bytes.*corpora --write/);
    expect(() => checkCorpora(['music/unknown'], repoRoot, manifest)).toThrow(/no fingerprint/);
    expect(() => fingerprintCorpus(join(folder, 'missing'))).toThrow(/not there/);
  });
});

describe('recipes', () => {
  it('sort as semantic versions and resolve to the newest unless a version is named', () => {
    expect(['1.10.0', '1.2.0', '1.10.0-rc.1', '1.9.0'].sort(compareVersions)).toEqual([
      '1.2.0',
      '1.9.0',
      '1.10.0-rc.1',
      '1.10.0',
    ]);
    expect(resolveTarget('music-arrange').version).toBe(recipeVersions('music-arrange').at(-1));
    const old = resolveTarget('music-arrange@1.0.0');
    expect(old.recipePath).toBe('models/music-arrange/recipes/1.0.0.json');
    expect(old.corpora).toEqual(['music/pop909', 'music/nottingham', 'music/groove-midi']);
    expect(resolveTarget('music-arrange@1.1.0').corpora).toContain('music/mma-groove-lib');
    expect(() => resolveTarget('music-arrange@9.9.9')).toThrow(/no recipe 9\.9\.9.*1\.0\.0, 1\.1\.0/);
    expect(() => resolveTarget('tuba')).toThrow(/no model "tuba"/);
  });

  it('exist for every shipped package version', () => {
    const packages = join(repoRoot, 'models', 'packages');
    for (const name of readdirSync(packages)) {
      expect(Object.keys(models), `models/tools/model.ts knows ${name}`).toContain(name);
      const shipped = readdirSync(join(packages, name)).filter((entry) => /^\d/.test(entry));
      expect(recipeVersions(name), name).toEqual(expect.arrayContaining(shipped));
    }
  });

  it('build through their pipeline: train then package the recipe file, or the level build script', () => {
    const arrange = buildSteps(resolveTarget('music-arrange@1.0.0'), 2);
    expect(arrange.map((step) => step.slice(1, 4))).toEqual([
      ['-m', 'mosaic_music.arrange_train', 'models/music-arrange/recipes/1.0.0.json'],
      ['-m', 'mosaic_music.arrange_package', 'models/music-arrange/recipes/1.0.0.json'],
    ]);
    expect(buildSteps(resolveTarget('level-platformer@1.0.0'), 1)).toEqual([
      ['sh', 'models/level-platformer/build.sh', '1.0.0'],
    ]);
  });
});

describe('npm run model', () => {
  it('checks the corpora and prints the commands of a dry run, exit 0; a bad request exits 64 with a code', () => {
    const printed: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void printed.push(line));
    vi.spyOn(console, 'error').mockImplementation((line: string) => void printed.push(line));
    expect(main(['build', 'music-melody@1.0.0', '--dry-run', '--threads=1'])).toBe(0);
    expect(printed[0]).toMatch(/music-melody@1\.0\.0: corpora music\/pop909, music\/nottingham match/);
    expect(printed.slice(1)).toEqual([
      expect.stringMatching(/-m mosaic_music\.train models\/music-melody\/recipes\/1\.0\.0\.json --threads 1$/),
      expect.stringMatching(/-m mosaic_music\.package models\/music-melody\/recipes\/1\.0\.0\.json$/),
    ]);
    printed.length = 0;
    expect(main(['build'])).toBe(64);
    expect(main(['build', 'music-melody', '--threads=0'])).toBe(64);
    expect(printed).toEqual([
      expect.stringMatching(/^BAD_REQUEST: which model/),
      expect.stringMatching(/^BAD_REQUEST: --threads/),
    ]);
  });
});
