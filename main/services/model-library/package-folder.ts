// A model package as a folder on disk: manifest.json plus the files it lists, read and checked safely.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { ManifestFile, ModelManifest } from '../../../contract/index.js';
import { MosaicError, manifestFiles } from '../../../contract/index.js';
import { digestFile, resolveInside } from './contained-path.js';
import { readManifest } from './manifest-reader.js';

export interface PackageFolder {
  folder: string;
  manifest: ModelManifest;
  /** manifest.json's bytes, exactly as found. */
  raw: Uint8Array;
  manifestSha256: string;
}

/** Reads and validates a package folder's manifest (refusing one that needs a newer app when appVersion is given). */
export async function readPackageFolder(folder: string, appVersion: string | null): Promise<PackageFolder> {
  const path = await resolveInside(folder, 'manifest.json').catch((error: unknown) => {
    if (error instanceof MosaicError && error.code === 'MODEL_NOT_FOUND') {
      throw new MosaicError('MODEL_NOT_FOUND', `${folder} has no manifest.json; it is not a model package.`);
    }
    throw error;
  });
  const raw = await readFile(path);
  const manifest = readManifest(raw, appVersion, path);
  return { folder, manifest, raw, manifestSha256: createHash('sha256').update(raw).digest('hex') };
}

/** The checked absolute path of one of the package's files. */
export function packageFilePath(pkg: PackageFolder, file: ManifestFile): Promise<string> {
  return resolveInside(pkg.folder, file.path);
}

/** Hashes every file and refuses the package if any size or digest differs from the manifest. */
export async function verifyPackageFiles(pkg: PackageFolder, signal?: AbortSignal): Promise<void> {
  for (const file of manifestFiles(pkg.manifest)) {
    const actual = await digestFile(await packageFilePath(pkg, file), signal);
    if (actual.size !== file.size || actual.sha256 !== file.sha256) {
      throw new MosaicError(
        'INTEGRITY_ERROR',
        `${file.path} in ${pkg.folder} does not match its manifest entry (size ${actual.size} vs ${file.size}, sha256 ${actual.sha256.slice(0, 12)}… vs ${file.sha256.slice(0, 12)}…).`,
      );
    }
  }
}
