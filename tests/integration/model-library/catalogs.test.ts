// Publishing into catalog folders, folder and bundled catalogs, and the user's catalog list.
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { catalogIndexSchema } from '../../../contract/index.js';
import { silentLogger, type Logger } from '../../../main/platform/logger.js';
import { CatalogPublisher } from '../../../main/services/model-library/catalog-publisher.js';
import { ModelLibrary } from '../../../main/services/model-library/model-library.js';
import { createLibraryFixture, type LibraryFixture } from '../../support/library-fixture.js';
import { probeGraph, sha256, writePackage } from '../../support/model-packages.js';

let world: LibraryFixture;
const publisher = new CatalogPublisher(() => new Date('2026-02-03T04:05:06.000Z'));

beforeEach(async () => {
  world = await createLibraryFixture();
});
afterEach(async () => {
  await world.dispose();
});

describe('publish', () => {
  it('writes blobs by digest, the manifest and a valid catalog.json; versions share blobs', async () => {
    const folder = join(world.root, 'market');
    const one = await writePackage(world.packages, {
      name: 'levels',
      version: '1.0.0',
      files: [{ path: 'tiles/vocab.json', content: Buffer.from('{"tiles":14}'), role: 'vocabulary' }],
    });
    const two = await writePackage(world.packages, { name: 'levels', version: '1.1.0' });

    expect(await publisher.publish(one.folder, folder)).toMatchObject({ copiedBlobs: 2, reusedBlobs: 0 });
    expect(await publisher.publish(two.folder, folder)).toMatchObject({ copiedBlobs: 0, reusedBlobs: 1 });
    expect(await publisher.publish(one.folder, folder)).toMatchObject({ copiedBlobs: 0, reusedBlobs: 2 });

    const index = catalogIndexSchema.parse(JSON.parse(await readFile(join(folder, 'catalog.json'), 'utf8')));
    expect(Object.keys(index.models.levels!.versions)).toEqual(['1.0.0', '1.1.0']);
    expect(index.models.levels!.versions['1.0.0']).toMatchObject({
      manifest: 'manifests/levels/1.0.0/manifest.json',
      manifestSha256: sha256(await readFile(join(one.folder, 'manifest.json'))),
      publishedAt: '2026-02-03T04:05:06.000Z',
    });
    expect((await readdir(join(folder, 'blobs'))).sort()).toEqual(
      [`sha256-${sha256(await probeGraph())}`, `sha256-${sha256(Buffer.from('{"tiles":14}'))}`].sort(),
    );
  });

  it('refuses a package whose files differ from its manifest, and a changed manifest under a published version', async () => {
    const folder = join(world.root, 'market');
    const pkg = await writePackage(world.packages, { name: 'levels', version: '1.0.0' });
    await publisher.publish(pkg.folder, folder);

    const manifest = JSON.parse(await readFile(join(pkg.folder, 'manifest.json'), 'utf8'));
    await writeFile(join(pkg.folder, 'manifest.json'), JSON.stringify({ ...manifest, licence: 'Apache-2.0' }));
    await expect(publisher.publish(pkg.folder, folder)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(publisher.publish(pkg.folder, folder, true)).resolves.toMatchObject({ version: '1.0.0' });

    await writeFile(join(pkg.folder, 'model.onnx'), Buffer.from('not the graph'));
    await expect(publisher.publish(pkg.folder, folder, true)).rejects.toMatchObject({ code: 'INTEGRITY_ERROR' });
    await expect(publisher.publish(world.packages, folder)).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND' });
  });
});

describe('folder catalogs', () => {
  it('installs from a published catalog folder and from a plain folder of packages, with no HTTP', async () => {
    const market = join(world.root, 'market');
    await publisher.publish((await writePackage(world.packages, { name: 'levels', version: '1.0.0' })).folder, market);
    await mkdir(world.bundled);
    await writePackage(world.bundled, { name: 'melody', version: '0.3.0' });
    await mkdir(join(world.bundled, 'broken'));
    await writeFile(join(world.bundled, 'broken', 'manifest.json'), '{"name": 1}');

    const skipped: string[] = [];
    const logger: Logger = {
      ...silentLogger,
      warn: (message, fields) => skipped.push(`${message} ${String(fields?.folder)}`),
      child: () => logger,
    };
    const library = new ModelLibrary({
      dataFolder: world.home,
      bundledCatalogFolder: world.bundled,
      appVersion: '0.1.0',
      logger,
    });
    try {
      await library.addCatalog(market, {});
      const catalogs = await library.catalogs();
      expect(catalogs.map((c) => [c.id, c.kind, c.status, c.models.map((m) => m.name)])).toEqual([
        ['bundled', 'folder', 'ok', ['melody']],
        ['market', 'folder', 'ok', ['levels']],
      ]);
      expect(skipped).toContain('skipped an invalid package broken');
      expect((await library.install({ name: 'melody', wait: true })).catalogId).toBe('bundled');
      expect((await library.install({ name: 'levels', wait: true })).catalogId).toBe('market');
      expect((await library.maintenance.verify(false)).ok).toBe(true);
      expect(world.server.requests).toEqual([]);
    } finally {
      await library.dispose();
    }
  });

  it('treats a missing or empty bundled folder as an empty catalog', async () => {
    const library = await world.library();
    expect((await library.catalogs())[0]).toMatchObject({ id: 'bundled', status: 'empty', error: null, models: [] });
    await mkdir(world.bundled);
    expect((await library.catalogs())[0]).toMatchObject({ id: 'bundled', status: 'empty', error: null });
  });
});

describe('the catalog list', () => {
  it('persists added catalogs in MOSAIC_HOME, refuses duplicates, and keeps the bundled one', async () => {
    const library = await world.library();
    expect(JSON.parse(await readFile(join(world.home, 'catalogs.json'), 'utf8')).catalogs).toEqual([
      expect.objectContaining({ id: 'test', location: world.server.url, kind: 'http' }),
    ]);
    await expect(library.addCatalog(world.server.url, {})).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(library.removeCatalog('bundled')).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(library.removeCatalog('nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const again = await world.library();
    expect((await again.catalogs()).map((catalog) => catalog.id)).toEqual(['bundled', 'test']);
    expect(await again.removeCatalog('test')).toBe(true);
    expect((await (await world.library()).catalogs()).map((catalog) => catalog.id)).toEqual(['bundled']);
    expect(world.changes.filter((change) => change.change === 'catalogs')).toHaveLength(2);
  });
});
