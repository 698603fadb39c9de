// Resolves a relative path inside a folder and proves the file it names really lies inside (no symlink escapes).
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, sep } from 'node:path';
import { MosaicError } from '../../../contract/index.js';
import { isMissing } from './store-errors.js';

/**
 * The absolute path of `relativePath` under `root`, after checking that it is relative, has no
 * "." or ".." segment, and that its real path (symlinks followed) is a plain file inside root's real path.
 */
export async function resolveInside(root: string, relativePath: string): Promise<string> {
  const segments = relativePath.split('/');
  if (
    isAbsolute(relativePath) ||
    relativePath.includes('\\') ||
    segments.some((s) => s === '' || s === '.' || s === '..')
  ) {
    throw new MosaicError('INVALID_MANIFEST', `"${relativePath}" is not a relative path inside the package.`);
  }
  const path = join(root, ...segments);
  let real: string;
  let rootReal: string;
  try {
    [real, rootReal] = await Promise.all([realpath(path), realpath(root)]);
  } catch (error) {
    if (isMissing(error)) throw new MosaicError('MODEL_NOT_FOUND', `${relativePath} is missing from ${root}.`);
    throw error;
  }
  if (!real.startsWith(rootReal + sep)) {
    throw new MosaicError('INVALID_MANIFEST', `${relativePath} is a link that leads outside ${root}; refused.`);
  }
  if (!(await stat(real)).isFile()) throw new MosaicError('INVALID_MANIFEST', `${relativePath} is not a plain file.`);
  return path;
}

/** SHA-256 and size of a file, streamed. */
export async function digestFile(path: string, signal?: AbortSignal): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024, signal }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { sha256: hash.digest('hex'), size };
}
