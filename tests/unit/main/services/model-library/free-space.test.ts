import { describe, expect, it } from 'vitest';
import {
  checkFreeSpace,
  installReserve,
  reserveFloorBytes,
  type FreeSpaceProbe,
} from '../../../../../main/services/model-library/free-space.js';

const mb = 1_000_000;
const probeOf =
  (free: number | null): FreeSpaceProbe =>
  async () =>
    free;

describe('installReserve', () => {
  it('grows with the install from a small floor instead of a fixed 64 MiB', () => {
    expect(installReserve(0)).toBe(reserveFloorBytes);
    expect(installReserve(4.7 * mb)).toBe(reserveFloorBytes + 235_000);
    expect(installReserve(2000 * mb)).toBe(reserveFloorBytes + 100 * mb);
    expect(installReserve(4.7 * mb)).toBeLessThan(2 * mb);
  });
});

describe('checkFreeSpace', () => {
  it('lets a 4.7 MB install through with 15 MB free', async () => {
    await expect(checkFreeSpace('/store', 4.7 * mb, probeOf(15 * mb))).resolves.toBeUndefined();
  });

  it('refuses with STORE_UNWRITABLE, naming what is needed, what is free and the folder', async () => {
    const refusal = checkFreeSpace('/store', 4.7 * mb, probeOf(5.5 * mb));
    await expect(refusal).rejects.toMatchObject({
      code: 'STORE_UNWRITABLE',
      details: { neededBytes: 4.7 * mb + installReserve(4.7 * mb), freeBytes: 5.5 * mb, downloadBytes: 4.7 * mb },
    });
    const message = await refusal.catch((error: Error) => error.message);
    expect(message).toBe(
      'The install needs 6.0 MB free in /store (4.7 MB to download and 1.3 MB kept in reserve); 5.5 MB is free. Free 484 kB and try again.',
    );
  });

  it('asks the probe about the store folder, and goes on when it cannot tell or nothing is to be downloaded', async () => {
    const asked: string[] = [];
    await checkFreeSpace('/data/models', 1, async (folder) => {
      asked.push(folder);
      return 10 * mb;
    });
    expect(asked).toEqual(['/data/models']);
    await expect(checkFreeSpace('/store', 4.7 * mb, probeOf(null))).resolves.toBeUndefined();
    await expect(
      checkFreeSpace('/store', 4.7 * mb, () => Promise.reject(new Error('statfs failed'))),
    ).resolves.toBeUndefined();
    await expect(checkFreeSpace('/store', 0, probeOf(0))).resolves.toBeUndefined();
  });
});
