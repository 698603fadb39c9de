// Over real HTTP, no route reads or writes a path on the server: export is a download, import an upload, and the
// path-taking methods (export-triton, publish, a folder catalog) are refused with 403 and left to the CLI and the app.
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpPathOf, methodIds, methods, serverPathFieldsOf } from '../../../contract/index.js';
import { createApiWorld, type ApiWorld } from './api-world.js';

let world: ApiWorld;
let outside: string;

beforeAll(async () => {
  world = await createApiWorld();
  outside = await mkdtemp(join(tmpdir(), 'mosaic-outside-'));
}, 120_000);

afterAll(async () => {
  await world?.dispose();
  await rm(outside, { recursive: true, force: true });
});

const postJson = (path: string, body: unknown) =>
  world.api(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

async function errorOf(response: Response): Promise<{ status: number; code: string; message: string }> {
  const body = (await response.json()) as { error: { code: string; message: string } };
  return { status: response.status, ...body.error };
}

describe('paths on the server over HTTP', () => {
  it('are refused with 403 on every route that takes one, and a file outside the data folder stays untouched', async () => {
    const victim = join(outside, 'victim.txt');
    await writeFile(victim, 'not yours\n');
    const before = await stat(victim);
    const bundleOutside = join(outside, 'probe.tar');
    await world.fixture.call('models.export', { name: 'probe-model', version: '1.0.0', file: bundleOutside });
    const attempts: [string, Record<string, unknown>][] = [
      ['/v1/models/export', { name: 'probe-model', version: '1.0.0', file: victim }],
      ['/v1/models/export-triton', { name: 'probe-model', version: '1.0.0', repository: join(outside, 'triton') }],
      ['/v1/models/publish', { packageFolder: outside, catalogFolder: join(outside, 'catalog') }],
      ['/v1/models/import', { file: bundleOutside }],
      ['/v1/models/add-catalog', { location: outside }],
      ['/v1/models/add-catalog', { location: `file://${outside}` }],
      ['/v1/models/add-catalog', { location: 'relative/folder' }],
    ];
    for (const [path, body] of attempts) {
      const refused = await errorOf(await postJson(path, body));
      expect(refused, `${path} ${JSON.stringify(body)}`).toMatchObject({ status: 403, code: 'FORBIDDEN' });
      expect(refused.message).toMatch(/paths on the server/);
      expect(refused.message).toMatch(/CLI/);
    }
    const viaQuery = await world.api(`/v1/models/import?file=${encodeURIComponent(bundleOutside)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-tar' },
      body: Buffer.from('x'),
    });
    expect(await errorOf(viaQuery)).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(await readFile(victim, 'utf8')).toBe('not yours\n');
    expect((await stat(victim)).mtimeMs).toBe(before.mtimeMs);
    expect((await readdir(outside)).sort()).toEqual(['probe.tar', 'victim.txt']);
    const { catalogs } = await world.fixture.call('models.catalogs', {});
    expect(catalogs.map((catalog) => catalog.id)).toEqual(['bundled']);
    // Each refusal says what to do instead.
    const exported = await errorOf(await postJson(attempts[0]![0], attempts[0]![1]));
    expect(exported.message).toMatch(/Leave out "file".*response body is the file/);
    const imported = await errorOf(await postJson(attempts[3]![0], attempts[3]![1]));
    expect(imported.message).toMatch(/Send the file as the request body \(Content-Type: application\/x-tar\)/);
    expect((await errorOf(await postJson(attempts[4]![0], attempts[4]![1]))).message).toMatch(/http\(s\) URL/);
    const { paths } = await world.api('/v1/openapi.json').then((response) => response.json());
    expect(paths['/v1/models/export'].post.responses['200'].content).toHaveProperty('application/x-tar');
    expect(
      paths['/v1/models/export'].post.requestBody.content['application/json'].schema.properties,
    ).not.toHaveProperty('file');
    expect(paths['/v1/models/import'].post.requestBody.content).toHaveProperty('application/x-tar');
    expect(paths['/v1/models/import'].post.parameters.map((p: { name: string }) => p.name)).toEqual(['activate']);
    expect(paths['/v1/models/publish'].post['x-mosaic-server-paths']).toEqual(['packageFolder', 'catalogFolder']);
  });

  it('still adds an http(s) catalog', async () => {
    const response = await postJson('/v1/models/add-catalog', { location: 'http://127.0.0.1:9/catalog/', id: 'lan' });
    // Nothing listens there, so it is added with its error shown, not refused as a path.
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: 'lan', location: 'http://127.0.0.1:9/catalog/' });
    await world.fixture.call('models.removeCatalog', { id: 'lan' });
  });

  it('cannot be forgotten: every request field named like a path is declared with the server-path schema', () => {
    for (const id of methodIds) {
      const request = methods[id].request as unknown as { shape?: Record<string, unknown> };
      const declared = serverPathFieldsOf(methods[id].request);
      for (const field of Object.keys(request.shape ?? {})) {
        if (/file|folder|dir|path|repository|location/i.test(field) && !/^path$/.test(field)) {
          expect(declared.has(field), `${id}.${field}`).toBe(true);
        }
      }
    }
    const download = methods['models.export'].httpFile;
    expect(download?.direction).toBe('download');
    expect(httpPathOf('models.export')).toBe('/v1/models/export');
  });
});

describe('a model bundle over HTTP', () => {
  it('downloads with export and uploads with import, reinstalling the model', async () => {
    const download = await postJson('/v1/models/export', { name: 'probe-model', version: '1.0.0' });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/x-tar');
    expect(download.headers.get('content-disposition')).toBe('attachment; filename="probe-model-1.0.0.mosaic.tar"');
    const bundle = Buffer.from(await download.arrayBuffer());
    expect(Number(download.headers.get('content-length'))).toBe(bundle.length);
    const sha256 = createHash('sha256').update(bundle).digest('base64');
    expect(download.headers.get('repr-digest')).toBe(`sha-256=:${sha256}:`);
    // The same bytes as the CLI's export writes.
    const cliFile = join(outside, 'cli.tar');
    await world.fixture.call('models.export', { name: 'probe-model', version: '1.0.0', file: cliFile });
    expect(Buffer.compare(await readFile(cliFile), bundle)).toBe(0);

    await world.fixture.call('models.remove', { name: 'probe-model', version: '1.0.0', force: true });
    const gone = await world.api('/v1/models/list').then((response) => response.json());
    expect(gone.models.map((model: { name: string }) => model.name)).not.toContain('probe-model');

    const upload = await world.api('/v1/models/import', {
      method: 'POST',
      headers: { 'content-type': 'application/x-tar' },
      body: bundle,
    });
    expect(upload.status).toBe(200);
    expect(await upload.json()).toMatchObject({ name: 'probe-model', version: '1.0.0', activated: true });
    const list = await world.api('/v1/models/list').then((response) => response.json());
    expect(list.models.find((model: { name: string }) => model.name === 'probe-model')).toMatchObject({
      activeVersion: '1.0.0',
    });
    // It runs again.
    const infer = await postJson('/v2/models/probe-model/infer', {
      inputs: [{ name: 'x', shape: [1, 4], datatype: 'FP32', data: [1, 2, 3, 4] }],
    });
    expect(infer.status).toBe(200);
    // Nothing is left in the transfer folder.
    expect(await readdir(join(world.fixture.core.dataFolder, 'transfers'))).toEqual([]);
  });

  it('takes import options as query parameters and refuses what is not a bundle without naming server files', async () => {
    const download = await postJson('/v1/models/export', { name: 'tiny-counter', version: '1.0.0' });
    const bundle = Buffer.from(await download.arrayBuffer());
    await world.fixture.call('models.remove', { name: 'tiny-counter', version: '1.0.0', force: true });
    const upload = await world.api('/v1/models/import?activate=false', {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: bundle,
    });
    expect(await upload.json()).toMatchObject({ name: 'tiny-counter', activated: false });

    const garbage = await world.api('/v1/models/import', {
      method: 'POST',
      headers: { 'content-type': 'application/x-tar' },
      body: Buffer.from('this is not a tar file'.repeat(40)),
    });
    const refused = await errorOf(garbage);
    expect(refused).toMatchObject({ status: 422, code: 'INVALID_MANIFEST' });
    expect(refused.message).toMatch(/^The uploaded file does not start with a model manifest/);
    expect(refused.message).not.toContain(world.fixture.core.dataFolder);
    const empty = await world.api('/v1/models/import', {
      method: 'POST',
      headers: { 'content-type': 'application/x-tar' },
    });
    expect(await errorOf(empty)).toMatchObject({ status: 400, message: expect.stringMatching(/empty/) });
    const json = await errorOf(await postJson('/v1/models/import', { activate: true }));
    expect(json).toMatchObject({ status: 400, message: expect.stringMatching(/request body \(Content-Type/) });
    expect(await readdir(join(world.fixture.core.dataFolder, 'transfers'))).toEqual([]);
  });
});
