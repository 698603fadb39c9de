// The app's own model catalog (package.json `mosaic.modelCatalog`, MOSAIC_APP_CATALOG here) served on loopback: it is
// listed as built in beside the bundled one, its newer version shows as an update and installs without an app update,
// and when it cannot be reached the library carries on with what is installed and bundled.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogPublisher } from '../../../main/services/model-library/catalog-publisher.js';
import { CatalogServer } from '../../support/catalog-server.js';
import { createCoreFixture, type CoreFixture } from '../../support/core-fixture.js';
import { writePackage } from '../../support/model-packages.js';

const name = 'app-sketch';
let root = '';
let server: CatalogServer;
let fixture: CoreFixture;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'mosaic-app-catalog-'));
  // The app catalog offers 1.0.0 (as the bundled folder does) and a newer 1.1.0, published after the app was built.
  const publisher = new CatalogPublisher();
  for (const version of ['1.0.0', '1.1.0']) {
    const { folder } = await writePackage(join(root, 'packages'), { name, version });
    await publisher.publish(folder, join(root, 'catalog'));
  }
  server = new CatalogServer(join(root, 'catalog'));
  await server.listen();
  fixture = await createCoreFixture({
    env: { MOSAIC_APP_CATALOG: server.url },
    bundledCatalogFolder: async (home) => {
      await mkdir(join(home, 'bundled'), { recursive: true });
      await writePackage(join(home, 'bundled'), { name, version: '1.0.0' });
      return join(home, 'bundled');
    },
  });
});

afterAll(async () => {
  await fixture?.dispose();
  await server?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('the app catalog', () => {
  it('is a built-in catalog beside the bundled one, and cannot be removed', async () => {
    const { catalogs } = await fixture.call('models.catalogs', {});
    expect(catalogs.map(({ id, kind, builtIn, status }) => ({ id, kind, builtIn, status }))).toEqual([
      { id: 'bundled', kind: 'folder', builtIn: true, status: 'ok' },
      { id: 'mosaic', kind: 'http', builtIn: true, status: 'ok' },
    ]);
    expect(catalogs[1]!.location).toBe(server.url);
    await expect(fixture.call('models.removeCatalog', { id: 'mosaic' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(fixture.call('models.addCatalog', { location: server.url })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });

  it('offers a newer version of a bundled model as an update, which installs and becomes active', async () => {
    await fixture.call('models.install', { name, version: '1.0.0', catalogId: 'bundled', wait: true });
    const before = await fixture.call('models.list', {});
    expect(before.models.find((model) => model.name === name)).toMatchObject({
      activeVersion: '1.0.0',
      update: { version: '1.1.0', catalogId: 'mosaic' },
    });

    // Installing by name takes the newest compatible version any catalog offers: the app catalog's.
    const job = await fixture.call('models.install', { name, wait: true });
    expect(job).toMatchObject({ state: 'installed', version: '1.1.0', catalogId: 'mosaic' });
    const after = await fixture.call('models.list', {});
    expect(after.models.find((model) => model.name === name)).toMatchObject({ activeVersion: '1.1.0', update: null });
  });

  it('unreachable, is reported as such while the rest of the library works', async () => {
    await server.close();
    const { catalogs } = await fixture.call('models.catalogs', {});
    expect(catalogs.find((catalog) => catalog.id === 'mosaic')).toMatchObject({
      status: 'unreachable',
      error: { code: 'DOWNLOAD_FAILED' },
      models: [],
    });
    expect(catalogs.find((catalog) => catalog.id === 'bundled')).toMatchObject({ status: 'ok' });
    const list = await fixture.call('models.list', {});
    expect(list.models.find((model) => model.name === name)).toMatchObject({ activeVersion: '1.1.0', update: null });
    // Installs from the bundled catalog go on without it.
    await fixture.call('models.remove', { name, version: '1.0.0' });
    await expect(
      fixture.call('models.install', { name, version: '1.0.0', activate: false, wait: true }),
    ).resolves.toMatchObject({
      state: 'installed',
      catalogId: 'bundled',
    });
  });
});
