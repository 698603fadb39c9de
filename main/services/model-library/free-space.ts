// The disk-space pre-check of an install: the bytes it will write plus a reserve in proportion to them.
import { statfs } from 'node:fs/promises';
import { formatBytes } from '../../../common/format-bytes.js';
import { MosaicError } from '../../../contract/index.js';

/** Free bytes for new files in a folder, or null when the file system cannot say. */
export type FreeSpaceProbe = (folder: string) => Promise<number | null>;

export const statfsFreeSpace: FreeSpaceProbe = async (folder) => {
  const info = await statfs(folder).catch(() => null);
  return info ? Number(info.bavail) * Number(info.bsize) : null;
};

/** The floor of the reserve: room for the manifest, the progress record, the package view and a log line. */
export const reserveFloorBytes = 1024 * 1024;
/** The share of the download kept free on top: block rounding and file-system metadata, and a disk not left full. */
export const reserveFraction = 0.05;

/**
 * What an install of `downloadBytes` keeps free beyond them. The blobs are the only large writes (a partial download
 * is renamed into place, never copied), so the reserve covers small files and rounding (a floor) and grows with the
 * install (a fraction) instead of refusing a 5 MB model for want of a fixed 64 MiB.
 */
export function installReserve(downloadBytes: number): number {
  return reserveFloorBytes + Math.ceil(downloadBytes * reserveFraction);
}

/** STORE_UNWRITABLE, saying what is needed and what is free, when `folder` has too little room; silent otherwise. */
export async function checkFreeSpace(folder: string, downloadBytes: number, probe: FreeSpaceProbe): Promise<void> {
  if (downloadBytes === 0) return;
  const free = await probe(folder).catch(() => null);
  if (free === null) return;
  const reserve = installReserve(downloadBytes);
  const needed = downloadBytes + reserve;
  if (free >= needed) return;
  throw new MosaicError(
    'STORE_UNWRITABLE',
    `The install needs ${formatBytes(needed)} free in ${folder} (${formatBytes(downloadBytes)} to download and ${formatBytes(reserve)} kept in reserve); ${formatBytes(free)} is free. Free ${formatBytes(needed - free)} and try again.`,
    { neededBytes: needed, freeBytes: free, downloadBytes, reserveBytes: reserve },
  );
}
