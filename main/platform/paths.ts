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
  /** The tiny graph used to choose an execution provider and to self-test. */
  probeModel: string;
  /** Compiled entry of the worker thread that renders audio. */
  wavWorkerEntry: string;
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

export function locateResources(root: string = findPackageRoot()): AppResources {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  return {
    root,
    packageVersion: pkg.version,
    rendererDir: join(root, 'out', 'renderer'),
    inferenceHostEntry: join(root, 'out', 'main', 'inference-host.js'),
    probeModel: join(root, 'models', 'fixtures', 'probe.onnx'),
    wavWorkerEntry: join(root, 'out', 'main', 'wav-render-worker.js'),
  };
}
