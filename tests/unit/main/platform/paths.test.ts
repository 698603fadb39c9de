import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  defaultDataFolder,
  findPackageRoot,
  locateResources,
  resolveDataFolder,
  shippedModelsFolder,
} from '../../../../main/platform/paths.js';

describe('data folder', () => {
  it('follows each OS convention', () => {
    expect(defaultDataFolder('linux', {}, '/home/ada')).toBe('/home/ada/.local/share/mosaic-studio');
    expect(defaultDataFolder('linux', { XDG_DATA_HOME: '/data' }, '/home/ada')).toBe('/data/mosaic-studio');
    expect(defaultDataFolder('darwin', {}, '/Users/ada')).toBe('/Users/ada/Library/Application Support/Mosaic Studio');
    expect(defaultDataFolder('win32', { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, 'C:\\Users\\ada')).toMatch(
      /Roaming.Mosaic Studio$/,
    );
  });

  it('uses MOSAIC_HOME when set, made absolute', () => {
    expect(resolveDataFolder({ MOSAIC_HOME: '/tmp/studio' })).toBe('/tmp/studio');
    expect(resolveDataFolder({ MOSAIC_HOME: 'rel/dir' })).toBe(`${process.cwd()}/rel/dir`);
  });
});

describe('resources', () => {
  it('finds the package root and the files the app ships with', () => {
    const resources = locateResources(findPackageRoot());
    expect(resources.packageVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(resources.probeModel.endsWith('models/fixtures/probe.onnx')).toBe(true);
    expect(resources.inferenceHostEntry.endsWith('out/main/inference-host.js')).toBe(true);
    expect(resources.bundledCatalogFolder).toBe(join(resources.root, 'models', 'packages'));
  });
});

describe('shipped models', () => {
  let temp = '';
  afterEach(async () => {
    if (temp) await rm(temp, { recursive: true, force: true });
  });
  const touch = async (path: string, content = ''): Promise<void> => {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
  };
  const packageJson = JSON.stringify({
    name: 'mosaic-studio',
    version: '3.2.1',
    mosaic: { modelCatalog: 'https://models.test/catalog/' },
  });

  it('are found in the repository in a checkout', async () => {
    temp = await mkdtemp(join(tmpdir(), 'mosaic-paths-'));
    const repo = join(temp, 'repo');
    await touch(join(repo, 'package.json'), packageJson);
    await touch(join(repo, 'models', 'packages', 'music-melody', '1.0.0', 'manifest.json'));
    await touch(join(repo, 'models', 'fixtures', 'probe.onnx'));

    expect(shippedModelsFolder({ root: repo, packagedResourcesPath: null })).toBe(join(repo, 'models'));
    const resources = locateResources(repo);
    expect(resources).toMatchObject({
      packageVersion: '3.2.1',
      appCatalog: 'https://models.test/catalog/',
      bundledCatalogFolder: join(repo, 'models', 'packages'),
      probeModel: join(repo, 'models', 'fixtures', 'probe.onnx'),
    });
  });

  it('are found beside app.asar, through process.resourcesPath, in an installed app', async () => {
    temp = await mkdtemp(join(tmpdir(), 'mosaic-paths-'));
    // electron-builder's layout: <resources>/app.asar (the package root) and each extraResources entry's `to`.
    const config = JSON.parse(await readFile(join(findPackageRoot(), 'build', 'electron-builder.json'), 'utf8')) as {
      extraResources: { to: string }[];
    };
    const resourcesPath = join(temp, 'Mosaic Studio', 'resources');
    const appRoot = join(resourcesPath, 'app.asar');
    await touch(join(appRoot, 'package.json'), packageJson);
    const packages = config.extraResources.find((entry) => entry.to.endsWith('packages'))!.to;
    const fixtures = config.extraResources.find((entry) => entry.to.endsWith('fixtures'))!.to;
    await touch(join(resourcesPath, packages, 'music-melody', '1.0.0', 'manifest.json'));
    await touch(join(resourcesPath, fixtures, 'probe.onnx'));

    expect(shippedModelsFolder({ root: appRoot, packagedResourcesPath: resourcesPath })).toBe(
      join(resourcesPath, 'models'),
    );
    const resources = locateResources(appRoot, resourcesPath);
    expect(resources.bundledCatalogFolder).toBe(join(resourcesPath, packages));
    expect(resources.probeModel).toBe(join(resourcesPath, fixtures, 'probe.onnx'));
    // The built app itself stays inside the archive.
    expect(resources.inferenceHostEntry).toBe(join(appRoot, 'out', 'main', 'inference-host.js'));
    expect(resources.appCatalog).toBe('https://models.test/catalog/');
  });
});
