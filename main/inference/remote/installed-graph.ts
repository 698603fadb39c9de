// Which installed model a graph blob belongs to, read from the model store beside it
// (<store>/blobs/sha256-<digest> and <store>/manifests/<name>/<version>/manifest.json): a remote Open Inference Protocol
// server knows models by name and version, not by the blob the inference host is asked to run.
import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { MosaicError } from '../../../contract/index.js';

export interface InstalledGraph {
  name: string;
  version: string;
  /** The package precision whose graph this is (the manifest's own, or one of its variants'). */
  precision: string;
  /** True when it is the manifest's default precision (a server needs no `precision` parameter for it). */
  isDefault: boolean;
}

interface ManifestFiles {
  name: string;
  version: string;
  precision: string;
  files: { role: string; sha256: string }[];
  variants?: { precision: string; files: { role: string; sha256: string }[] }[];
}

/** The installed version whose graph is `modelPath` (the newest, when several versions share the graph). */
export async function identifyInstalledGraph(modelPath: string): Promise<InstalledGraph> {
  const digest = /^sha256-([a-f0-9]{64})$/.exec(basename(modelPath))?.[1];
  if (!digest) {
    throw new MosaicError(
      'MODEL_NOT_FOUND',
      `${modelPath} is not an installed graph (no sha256-… blob of a model store).`,
    );
  }
  const manifests = join(dirname(dirname(modelPath)), 'manifests');
  const found: InstalledGraph[] = [];
  for (const name of await readdir(manifests).catch(() => [] as string[])) {
    for (const version of await readdir(join(manifests, name)).catch(() => [] as string[])) {
      let manifest: ManifestFiles;
      try {
        manifest = JSON.parse(await readFile(join(manifests, name, version, 'manifest.json'), 'utf8')) as ManifestFiles;
      } catch {
        continue;
      }
      const sets = [
        { precision: manifest.precision, files: manifest.files, isDefault: true },
        ...(manifest.variants ?? []).map((variant) => ({ ...variant, isDefault: false })),
      ];
      const set = sets.find((candidate) =>
        candidate.files.some((file) => file.role === 'graph' && file.sha256 === digest),
      );
      if (set)
        found.push({
          name: manifest.name,
          version: manifest.version,
          precision: set.precision,
          isDefault: set.isDefault,
        });
    }
  }
  if (found.length === 0) {
    throw new MosaicError('MODEL_NOT_FOUND', `No installed model has the graph ${basename(modelPath)}.`);
  }
  return found.sort((a, b) => b.version.localeCompare(a.version, 'en', { numeric: true }))[0]!;
}
