// Hostile catalogs and packages are refused before they can write outside the store or fill the disk.
import { mkdir, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CatalogPublisher } from '../../../main/services/model-library/catalog-publisher.js';
import type { ModelLibrary } from '../../../main/services/model-library/model-library.js';
import { createLibraryFixture, type LibraryFixture } from '../../support/library-fixture.js';
import { manifestFor, probeGraph, pseudoRandomBytes, sha256, writePackage } from '../../support/model-packages.js';

let world: LibraryFixture;
let library: ModelLibrary;

beforeEach(async () => {
  world = await createLibraryFixture();
  library = await world.library();
});
afterEach(async () => {
  await world.dispose();
});

/** Serves `manifest` as `name@1.0.0` in the catalog, with a correct digest (the catalog itself is the attacker's). */
async function serveManifest(name: string, manifest: unknown, blobs: Buffer[] = []): Promise<void> {
  const bytes = Buffer.from(JSON.stringify(manifest));
  await mkdir(join(world.catalog, 'manifests', name, '1.0.0'), { recursive: true });
  await mkdir(join(world.catalog, 'blobs'), { recursive: true });
  await writeFile(join(world.catalog, 'manifests', name, '1.0.0', 'manifest.json'), bytes);
  for (const blob of blobs) await writeFile(join(world.catalog, 'blobs', `sha256-${sha256(blob)}`), blob);
  await writeIndex({
    [name]: {
      versions: {
        '1.0.0': {
          manifest: `manifests/${name}/1.0.0/manifest.json`,
          manifestSha256: sha256(bytes),
          task: 'music.melody',
          sizeBytes: 1,
          minAppVersion: '0.1.0',
          publishedAt: '2026-01-01T00:00:00.000Z',
        },
      },
    },
  });
}

async function writeIndex(models: Record<string, unknown>): Promise<void> {
  const index = { format: 'mosaic-catalog', formatVersion: 1, updatedAt: '2026-01-01T00:00:00.000Z', models };
  await writeFile(join(world.catalog, 'catalog.json'), JSON.stringify(index));
}

async function graphManifest(overrides: Record<string, unknown>): Promise<Record<string, unknown>> {
  return manifestFor({ name: 'evil', version: '1.0.0', overrides }, [
    { path: 'model.onnx', content: await probeGraph() },
  ]);
}

async function storeFiles(): Promise<string[]> {
  const blobs = await readdir(join(world.home, 'models', 'blobs')).catch(() => []);
  const manifests = await readdir(join(world.home, 'models', 'manifests')).catch(() => []);
  return [...blobs, ...manifests];
}

describe('hostile manifests', () => {
  const graph = { path: 'model.onnx', size: 223, sha256: 'a'.repeat(64), role: 'graph' };
  const cases: [string, Record<string, unknown>][] = [
    ['a "../" name', { name: '../../evil' }],
    ['a "../" digest', { files: [{ ...graph, sha256: '../../../../etc/passwd' }] }],
    ['an absolute file path', { files: [{ ...graph, path: '/etc/passwd' }] }],
    ['a "../" file path', { files: [{ ...graph, path: '../outside.onnx' }] }],
    ['a backslash file path', { files: [{ ...graph, path: '..\\outside.onnx' }] }],
    ['an oversized file', { files: [{ ...graph, size: 64 * 1024 ** 4 }] }],
    ['one digest with two sizes', { files: [graph, { ...graph, path: 'copy.onnx', size: 224 }] }],
    ['an unknown field', { postInstall: 'rm -rf ~' }],
  ];
  it.each(cases)('refuses %s as INVALID_MANIFEST and writes nothing', async (_label, overrides) => {
    await serveManifest('evil', await graphManifest(overrides));
    await expect(library.install({ name: 'evil', wait: true })).rejects.toMatchObject({ code: 'INVALID_MANIFEST' });
    expect(await storeFiles()).toEqual([]);
    expect(world.server.blobRequests()).toEqual([]);
  });

  it('refuses a manifest whose bytes do not match the digest in the catalog', async () => {
    await serveManifest('evil', await graphManifest({}));
    await writeFile(
      join(world.catalog, 'manifests', 'evil', '1.0.0', 'manifest.json'),
      JSON.stringify(await graphManifest({ licence: 'x' })),
    );
    await expect(library.install({ name: 'evil', wait: true })).rejects.toMatchObject({ code: 'INTEGRITY_ERROR' });
  });

  it('refuses a manifest for another model than the catalog entry names', async () => {
    await serveManifest('melody', await graphManifest({}));
    await expect(library.install({ name: 'melody', wait: true })).rejects.toMatchObject({
      code: 'INVALID_MANIFEST',
      message: expect.stringContaining('serves a manifest for evil@1.0.0'),
    });
  });

  it('treats a catalog with a "../" manifest location as unreadable', async () => {
    await serveManifest('evil', await graphManifest({}));
    await writeIndex({ evil: { versions: { '1.0.0': { manifest: '../../../etc/passwd' } } } });
    await expect(library.install({ name: 'evil', wait: true })).rejects.toMatchObject({ code: 'DOWNLOAD_FAILED' });
    const test = (await library.catalogs()).find((catalog) => catalog.id === 'test')!;
    expect(test).toMatchObject({ status: 'unreachable', error: { code: 'INVALID_MANIFEST' } });
  });
});

describe('hostile servers', () => {
  const real = pseudoRandomBytes(200_000, 'real');
  const declared = real.subarray(0, 150_000);

  it('stops a blob larger than its manifest declares, announced or not, and keeps nothing of it', async () => {
    const manifest = manifestFor({ name: 'evil', version: '1.0.0', withoutGraph: true }, [
      { path: 'w.bin', content: declared },
    ]);
    await serveManifest('evil', manifest);
    await writeFile(join(world.catalog, 'blobs', `sha256-${sha256(declared)}`), real);
    await expect(library.install({ name: 'evil', wait: true })).rejects.toMatchObject({
      code: 'INTEGRITY_ERROR',
      message: expect.stringContaining('serves 200000 bytes; the manifest declares 150000'),
    });
    world.server.fault = () => ({ chunked: true });
    await expect(library.install({ name: 'evil', wait: true })).rejects.toMatchObject({
      code: 'INTEGRITY_ERROR',
      message: expect.stringContaining('More bytes arrived'),
    });
    expect(await readdir(join(world.home, 'models', 'downloads'))).toEqual([]);
    expect(await storeFiles()).toEqual([]);
  });

  it('bounds redirects and refuses one to plain http beyond loopback', async () => {
    await world.publish({ name: 'melody', version: '1.0.0' });
    world.server.fault = ({ path }) => (path.includes('/blobs/') ? { redirect: path } : undefined);
    await expect(library.install({ name: 'melody', wait: true })).rejects.toMatchObject({
      code: 'DOWNLOAD_FAILED',
      message: expect.stringContaining('redirected more than 5 times'),
    });
    world.server.fault = ({ path }) => (path.includes('/blobs/') ? { redirect: 'http://example.com/blob' } : undefined);
    await expect(library.install({ name: 'melody', wait: true })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses a plain http catalog beyond loopback unless the user allows its host', async () => {
    await expect(library.addCatalog('http://models.example.com/', {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(library.addCatalog('ftp://models.example.com/', {})).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(library.addCatalog('relative/folder', {})).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('hostile package folders', () => {
  it('refuses files that are links leading outside the package, when publishing and when installing', async () => {
    const { folder } = await writePackage(world.packages, {
      name: 'linked',
      version: '1.0.0',
      files: [{ path: 'notes.txt', content: Buffer.from('x') }],
    });
    await rm(join(folder, 'notes.txt'));
    await symlink('/etc/hostname', join(folder, 'notes.txt'));
    await expect(new CatalogPublisher().publish(folder, join(world.root, 'other-catalog'))).rejects.toMatchObject({
      code: 'INVALID_MANIFEST',
      message: expect.stringContaining('leads outside'),
    });

    const bundled = await world.library({ bundledCatalogFolder: world.packages });
    await expect(bundled.install({ name: 'linked', wait: true })).rejects.toMatchObject({ code: 'INVALID_MANIFEST' });
    expect(await storeFiles()).toEqual([]);
  });

  it('refuses a catalog index whose keys are not model names', async () => {
    await writeIndex({ '../evil': { versions: {} } });
    const test = (await library.catalogs()).find((catalog) => catalog.id === 'test')!;
    expect(test.status).toBe('unreachable');
  });
});
