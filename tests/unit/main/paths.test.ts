import { describe, expect, it } from 'vitest';
import {
  defaultDataFolder,
  findPackageRoot,
  locateResources,
  resolveDataFolder,
} from '../../../main/platform/paths.js';

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
  });
});
