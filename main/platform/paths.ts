// Where things live: the user's data folder (MOSAIC_HOME) and the app's own resources.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const appFolderName = 'Mosaic Studio';

/** The OS's per-user data folder for the app, as Electron's `userData` would place it. */
export function defaultDataFolder(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), appFolderName);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', appFolderName);
  // Linux and the BSDs: models are data, not configuration, so XDG_DATA_HOME rather than ~/.config.
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'mosaic-studio');
}

/** MOSAIC_HOME when set (made absolute), otherwise the OS default. */
export function resolveDataFolder(env: NodeJS.ProcessEnv = process.env): string {
  const override = env.MOSAIC_HOME?.trim();
  return override ? resolve(override) : defaultDataFolder(process.platform, env);
}

/** Paths of the files the app ships with, found from the package root. */
export interface AppResources {
  root: string;
  packageVersion: string;
  /** The built UI (vite output). */
  rendererDir: string;
  /** Compiled entry of the inference host process. */
  inferenceHostEntry: string;
  /** The tiny graph used to choose an execution provider and to self-test (read by onnxruntime: never inside asar). */
  probeModel: string;
  /** The bundled default model packages: the "bundled" catalog. */
  bundledCatalogFolder: string;
  /** The app's own model catalog (package.json `mosaic.modelCatalog`): updates to models without an app update. */
  appCatalog: string | null;
  /** The app's web site (package.json `homepage`), one of the hosts the desktop window may open links to. */
  homepage: string | null;
  /** Compiled entry of the worker thread that renders audio. */
  wavWorkerEntry: string;
}

/** Where the app runs from: a checkout of the repository, or an installed (electron-builder) app. */
export interface ResourceLayout {
  /** The package root: the repository, or `<resources>/app.asar` in an installed app. */
  root: string;
  /** Electron's `process.resourcesPath` when the app is packaged (`app.isPackaged`); null when it runs from a checkout. */
  packagedResourcesPath: string | null;
}

/**
 * The folder of model files the app ships (bundled packages, the probe graph). A packaged app carries them outside
 * app.asar as extraResources (build/electron-builder.json copies models/ to `<resources>/models`), because onnxruntime
 * opens model files itself and cannot read inside an archive; a checkout reads them from the repository.
 */
export function shippedModelsFolder(layout: ResourceLayout): string {
  return layout.packagedResourcesPath ? join(layout.packagedResourcesPath, 'models') : join(layout.root, 'models');
}

/** Walks up from `start` to the folder holding the app's package.json. */
export function findPackageRoot(start: string = dirname(fileURLToPath(import.meta.url))): string {
  let folder = start;
  for (;;) {
    const candidate = join(folder, 'package.json');
    if (existsSync(candidate)) {
      const parsed = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string };
      if (parsed.name === 'mosaic-studio') return folder;
    }
    const parent = dirname(folder);
    if (parent === folder) throw new Error(`mosaic-studio package.json not found above ${start}`);
    folder = parent;
  }
}

export function locateResources(
  root: string = findPackageRoot(),
  packagedResourcesPath: string | null = null,
): AppResources {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    version: string;
    homepage?: string;
    mosaic?: { modelCatalog?: string };
  };
  const models = shippedModelsFolder({ root, packagedResourcesPath });
  return {
    root,
    packageVersion: pkg.version,
    rendererDir: join(root, 'out', 'renderer'),
    inferenceHostEntry: join(root, 'out', 'main', 'inference-host.js'),
    probeModel: join(models, 'fixtures', 'probe.onnx'),
    bundledCatalogFolder: join(models, 'packages'),
    appCatalog: pkg.mosaic?.modelCatalog?.trim() || null,
    homepage: pkg.homepage?.trim() || null,
    wavWorkerEntry: join(root, 'out', 'main', 'wav-render-worker.js'),
  };
}
