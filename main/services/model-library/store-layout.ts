// Where everything lives under MOSAIC_HOME/models; every path is built from validated names, never from raw input.
import { join, relative } from 'node:path';
import { MosaicError, modelNamePattern, semverPattern, sha256Pattern } from '../../../contract/index.js';

export class StoreLayout {
  readonly blobs: string;
  readonly manifests: string;
  readonly downloads: string;
  readonly pins: string;
  readonly temp: string;
  /** Package-shaped folders of hard links to blobs (see PackageViews). */
  readonly views: string;
  /** `{ "<name>": "<version>" }`, replaced atomically on every activation. */
  readonly activeFile: string;
  /** One JSON line per activation, append-only. */
  readonly activationLog: string;
  /** One JSON line per version removed, append-only: what makes a model count as one this library has had. */
  readonly removalLog: string;
  readonly storeLock: string;

  constructor(readonly root: string) {
    this.blobs = join(root, 'blobs');
    this.manifests = join(root, 'manifests');
    this.downloads = join(root, 'downloads');
    this.pins = join(root, 'pins');
    this.temp = join(root, 'tmp');
    this.views = join(root, 'views');
    this.activeFile = join(root, 'active.json');
    this.activationLog = join(root, 'activations.jsonl');
    this.removalLog = join(root, 'removals.jsonl');
    this.storeLock = join(root, 'store.lock');
  }

  blobName(digest: string): string {
    return `sha256-${checkDigest(digest)}`;
  }

  blobPath(digest: string): string {
    return join(this.blobs, this.blobName(digest));
  }

  modelFolder(name: string): string {
    return join(this.manifests, checkName(name));
  }

  versionFolder(name: string, version: string): string {
    return join(this.modelFolder(name), checkVersion(version));
  }

  manifestPath(name: string, version: string): string {
    return join(this.versionFolder(name, version), 'manifest.json');
  }

  partialPath(digest: string): string {
    return join(this.downloads, `${this.blobName(digest)}.partial`);
  }

  progressPath(digest: string): string {
    return join(this.downloads, `${this.blobName(digest)}.progress.json`);
  }

  downloadLockPath(digest: string): string {
    return join(this.downloads, `${this.blobName(digest)}.lock`);
  }

  /** Store-relative form of a path, for reports. */
  describe(path: string): string {
    return relative(this.root, path).split('\\').join('/');
  }

  /** The digest in a blob file name, or null for anything else found in the blobs folder. */
  static digestOfBlobName(fileName: string): string | null {
    const match = /^sha256-([a-f0-9]{64})$/.exec(fileName);
    return match ? match[1]! : null;
  }
}

export function checkName(name: string): string {
  if (name.length > 64 || !modelNamePattern.test(name)) {
    throw new MosaicError('BAD_REQUEST', `"${name}" is not a valid model name.`);
  }
  return name;
}

export function checkVersion(version: string): string {
  if (version.length > 64 || !semverPattern.test(version)) {
    throw new MosaicError('BAD_REQUEST', `"${version}" is not a semantic version.`);
  }
  return version;
}

export function checkDigest(digest: string): string {
  if (!sha256Pattern.test(digest)) throw new MosaicError('INTEGRITY_ERROR', `"${digest}" is not a SHA-256 digest.`);
  return digest;
}
