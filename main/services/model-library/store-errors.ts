// Turns file-system failures in the store into the contract's STORE_UNWRITABLE, with the path and the reason.
import { MosaicError } from '../../../contract/index.js';

const unwritableCodes = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EDQUOT', 'ENOTDIR', 'EEXIST', 'EISDIR']);

const reasons: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is exhausted',
  ENOTDIR: 'a file is in the way of a folder',
  EEXIST: 'a file is in the way of a folder',
  EISDIR: 'a folder is in the way of a file',
};

export function errnoOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Rethrows `error` as STORE_UNWRITABLE when it is a permission, space or layout failure; otherwise unchanged. */
export function asStoreError(error: unknown, what: string): unknown {
  if (error instanceof MosaicError) return error;
  const code = errnoOf(error);
  if (code && unwritableCodes.has(code)) {
    return new MosaicError('STORE_UNWRITABLE', `Cannot write the model store (${what}): ${reasons[code]} [${code}].`);
  }
  return error;
}

/** Runs `action`, mapping store write failures to STORE_UNWRITABLE. */
export async function writingStore<T>(what: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    throw asStoreError(error, what);
  }
}

export function isMissing(error: unknown): boolean {
  return errnoOf(error) === 'ENOENT';
}
