import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PartialDownload } from '../../../../../main/services/model-library/partial-download.js';
import { StoreLayout } from '../../../../../main/services/model-library/store-layout.js';
import { pseudoRandomBytes, sha256 } from '../../../../support/model-packages.js';
import { createTempHome } from '../../../../support/temp-home.js';

const content = pseudoRandomBytes(3 * 1024 * 1024 + 12_345, 'partial');
const digest = sha256(content);
let temp: Awaited<ReturnType<typeof createTempHome>>;
let layout: StoreLayout;

beforeEach(async () => {
  temp = await createTempHome('mosaic-partial-');
  layout = new StoreLayout(temp.path);
  await mkdir(layout.downloads, { recursive: true });
});
afterEach(async () => {
  await temp.remove();
});

async function feed(partial: PartialDownload, data: Buffer, chunk: number): Promise<void> {
  for (let offset = 0; offset < data.length; offset += chunk)
    await partial.append(data.subarray(offset, offset + chunk));
}

describe('PartialDownload', () => {
  it.each([1000, 65_536, 1_048_576, 5_000_000])(
    'writes and hashes exactly what arrives in chunks of %i bytes',
    async (chunk) => {
      const partial = new PartialDownload(layout, digest, content.length, 'test');
      await partial.open();
      await feed(partial, content, chunk);
      expect(await partial.finish()).toBe(digest);
      expect((await readFile(partial.path)).equals(content)).toBe(true);
    },
  );

  it('resumes from what an earlier attempt left, re-hashing it, and refuses bytes beyond the size', async () => {
    const first = new PartialDownload(layout, digest, content.length, 'test', 0);
    await first.open();
    await feed(first, content.subarray(0, 2_000_001), 300_000);
    await first.suspend();
    const progress = JSON.parse(await readFile(layout.progressPath(digest), 'utf8'));
    expect(progress).toMatchObject({ digest, size: content.length, bytes: 2_000_001 });

    const second = new PartialDownload(layout, digest, content.length, 'test');
    await second.open();
    expect(second.resumedFrom).toBe(2_000_001);
    await feed(second, content.subarray(2_000_001), 777_777);
    await expect(second.append(Buffer.from('x'))).rejects.toMatchObject({ code: 'INTEGRITY_ERROR' });
    expect(await second.finish()).toBe(digest);
  });

  it('starts over when no progress record vouches for the partial file, and on restart', async () => {
    await writeFile(layout.partialPath(digest), 'left by something else');
    const partial = new PartialDownload(layout, digest, content.length, 'test');
    await partial.open();
    expect(partial.resumedFrom).toBe(0);
    await feed(partial, content.subarray(0, 1_500_000), 100_000);
    await partial.restart();
    await feed(partial, content, 1_048_576);
    expect(await partial.finish()).toBe(digest);
    await partial.forgetProgress();
    await partial.discard();
    expect(await readdir(layout.downloads)).toEqual([]);
  });
});
