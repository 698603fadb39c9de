// Export a version to one bundle file and import it elsewhere with no network; damaged bundles are refused.
import { execFileSync } from 'node:child_process';
import { readFile, readdir, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ModelLibrary } from '../../../main/services/model-library/model-library.js';
import { tarEnd, tarHeader, tarPadding } from '../../../main/services/model-library/tar-format.js';
import { createLibraryFixture, type LibraryFixture } from '../../support/library-fixture.js';
import { manifestFor, pseudoRandomBytes, sha256 } from '../../support/model-packages.js';

const weights = pseudoRandomBytes(300_000, 'bundle-weights');
let world: LibraryFixture;
let bundle: string;

beforeEach(async () => {
  world = await createLibraryFixture();
  await world.publish({ name: 'drums', version: '1.4.0', files: [{ path: 'nested/weights.bin', content: weights }] });
  const library = await world.library();
  await library.install({ name: 'drums', wait: true });
  bundle = join(world.root, 'drums-1.4.0.mosaic.tar');
  const result = await library.bundles.export('drums', '1.4.0', bundle);
  expect(result).toMatchObject({
    file: bundle,
    bytes: (await stat(bundle)).size,
    sha256: sha256(await readFile(bundle)),
  });
});
afterEach(async () => {
  await world.dispose();
});

/** A library on a fresh MOSAIC_HOME with no catalogs but an empty bundled folder: offline. */
async function offlineLibrary(appVersion = '0.1.0'): Promise<ModelLibrary> {
  return new ModelLibrary({
    dataFolder: join(world.root, `elsewhere-${appVersion}`),
    bundledCatalogFolder: join(world.root, 'none'),
    appVersion,
  });
}

describe('bundles', () => {
  it('round-trips a version into another store, verified and active, readable by any tar', async () => {
    await world.server.close();
    const elsewhere = await offlineLibrary();
    try {
      expect(await elsewhere.import(bundle, true)).toEqual({
        name: 'drums',
        version: '1.4.0',
        activated: true,
        writtenBytes: weights.length + (await readFile(join(world.packages, 'drums-1.4.0', 'model.onnx'))).length,
      });
      expect((await elsewhere.maintenance.verify(false)).ok).toBe(true);
      expect((await elsewhere.history('drums')).map((entry) => entry.reason)).toEqual(['import']);
      expect((await elsewhere.import(bundle, true)).writtenBytes).toBe(0);
    } finally {
      await elsewhere.dispose();
    }
    const listing = execFileSync('tar', ['-tf', bundle], { encoding: 'utf8' }).trim().split('\n');
    expect(listing).toEqual(['drums-1.4.0/manifest.json', 'drums-1.4.0/model.onnx', 'drums-1.4.0/nested/weights.bin']);
  });

  it('refuses a bundle whose content was altered, truncated, or padded with extra files, installing nothing', async () => {
    const original = await readFile(bundle);
    const altered = Buffer.from(original);
    altered[altered.length - 2048] = altered[altered.length - 2048]! ^ 0xff; // inside weights.bin
    const damaged = join(world.root, 'damaged.tar');
    await writeFile(damaged, altered);
    const elsewhere = await offlineLibrary();
    try {
      await expect(elsewhere.import(damaged, true)).rejects.toMatchObject({ code: 'INTEGRITY_ERROR' });
      await writeFile(damaged, original);
      await truncate(damaged, original.length - 100_000);
      await expect(elsewhere.import(damaged, true)).rejects.toMatchObject({ code: 'INTEGRITY_ERROR' });

      const extra = Buffer.concat([
        original.subarray(0, original.length - 1024),
        tarHeader('drums-1.4.0/run.sh', 4, 0),
        Buffer.from('boom'),
        tarPadding(4),
        tarEnd(),
      ]);
      await writeFile(damaged, extra);
      await expect(elsewhere.import(damaged, true)).rejects.toMatchObject({ code: 'INVALID_MANIFEST' });

      await writeFile(damaged, Buffer.from('plain text, not a tar'));
      await expect(elsewhere.import(damaged, true)).rejects.toMatchObject({ code: 'INVALID_MANIFEST' });
      expect((await elsewhere.overview.list()).models).toEqual([]);
      await expect(elsewhere.import(join(world.root, 'absent.tar'), true)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    } finally {
      await elsewhere.dispose();
    }
  });

  it('refuses a bundle made for a newer app, saying which version it needs', async () => {
    const content = pseudoRandomBytes(10, 'new');
    const manifest = Buffer.from(
      JSON.stringify(
        manifestFor({ name: 'future', version: '1.0.0', minAppVersion: '3.0.0', withoutGraph: true }, [
          { path: 'a.bin', content },
        ]),
      ),
    );
    const future = join(world.root, 'future.tar');
    await writeFile(
      future,
      Buffer.concat([
        tarHeader('future-1.0.0/manifest.json', manifest.length, 0),
        manifest,
        tarPadding(manifest.length),
        tarHeader('future-1.0.0/a.bin', 10, 0),
        content,
        tarPadding(10),
        tarEnd(),
      ]),
    );
    const elsewhere = await offlineLibrary();
    try {
      await expect(elsewhere.import(future, true)).rejects.toMatchObject({
        code: 'INCOMPATIBLE_MODEL',
        message: expect.stringContaining('future@1.0.0 needs Mosaic Studio 3.0.0 or newer'),
      });
      const newer = await offlineLibrary('3.1.0');
      try {
        expect((await newer.import(future, false)).activated).toBe(false);
      } finally {
        await newer.dispose();
      }
    } finally {
      await elsewhere.dispose();
    }
  });

  it('refuses to export a damaged blob and leaves no file behind', async () => {
    const library = await world.library();
    const blob = join(world.home, 'models', 'blobs', `sha256-${sha256(weights)}`);
    const damaged = Buffer.from(weights);
    damaged[0] = damaged[0]! ^ 1;
    await writeFile(blob, damaged);
    const target = join(world.root, 'out', 'x.tar');
    await expect(library.bundles.export('drums', '1.4.0', join(world.root, 'x.tar'))).rejects.toMatchObject({
      code: 'INTEGRITY_ERROR',
    });
    expect((await readdir(world.root)).filter((name) => name.startsWith('x.tar'))).toEqual([]);
    await expect(library.bundles.export('drums', '9.0.0', target)).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND' });
  });

  it('answers a coded error naming the missing folder when the bundle would go into a folder that does not exist', async () => {
    const library = await world.library();
    const missing = join(world.root, 'no-such-folder');
    const refused = library.bundles.export('drums', '1.4.0', join(missing, 'x.tar'));
    await expect(refused).rejects.toMatchObject({ code: 'BAD_REQUEST', details: { folder: missing } });
    await expect(library.bundles.export('drums', '1.4.0', join(missing, 'x.tar'))).rejects.toThrow(
      /no-such-folder does not exist\. Create it/,
    );
    expect(await readdir(world.root)).not.toContain('no-such-folder');
  });
});
