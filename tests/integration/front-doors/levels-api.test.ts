// The levels front door on the bundled level-platformer package: generate, regenerate a region, export.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCoreFixture, type CoreFixture } from '../../support/core-fixture.js';

let fixture: CoreFixture;

beforeAll(async () => {
  fixture = await createCoreFixture();
});

afterAll(async () => {
  await fixture.dispose();
});

const call: CoreFixture['call'] = (method, request) => fixture.call(method, request);

describe('levels API', () => {
  it('generates playable levels for a prompt, reproducibly by seed', async () => {
    const request = {
      prompt: 'many pipes, some enemies, little blocks, low elevation',
      width: 100,
      variations: 2,
      seed: 7,
    };
    const first = await call('levels.generate', request);
    expect(first.model).toMatchObject({ name: 'level-platformer', task: 'level.platformer' });
    expect(first.result.levels).toHaveLength(2);
    for (const level of first.result.levels) {
      expect(level.rows).toHaveLength(14);
      expect(level.rows[0]).toHaveLength(100);
      expect(level.playable).toBe(true);
      expect(level.path.length).toBeGreaterThan(50);
    }
    const again = await call('levels.generate', request);
    expect(again.result.levels.map((level) => level.rows)).toEqual(first.result.levels.map((level) => level.rows));
  });

  it('regenerates a region and keeps every other column', async () => {
    const base = await call('levels.generate', { width: 80, seed: 3 });
    const rows = base.result.levels[0]!.rows;
    const edited = await call('levels.regenerate', { rows, from: 30, to: 50, seed: 11 });
    const level = edited.result.levels[0]!;
    expect(level.playable).toBe(true);
    for (let row = 0; row < 14; row += 1) {
      expect(level.rows[row]!.slice(0, 30)).toBe(rows[row]!.slice(0, 30));
      expect(level.rows[row]!.slice(50)).toBe(rows[row]!.slice(50));
    }
    await expect(call('levels.regenerate', { rows, from: 50, to: 30 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('exports a Tiled map with its tileset, a PNG and VGLC text', async () => {
    const run = await call('levels.generate', { width: 40, seed: 5 });
    const level = run.result.levels[0]!;
    const provenance = {
      model: 'level-platformer@1.0.0',
      digest: run.model.digest,
      prompt: run.result.prompt,
      seed: run.result.seed,
    };
    const tiled = await call('levels.export', { level, provenance, format: 'tmj', name: 'castle' });
    expect(tiled.files.map((file) => file.name)).toEqual([
      'castle.tmj',
      'mosaic-platformer-tiles.tsj',
      'mosaic-platformer-tiles.png',
    ]);
    const map = JSON.parse(Buffer.from(tiled.files[0]!.base64, 'base64').toString('utf8'));
    expect(map).toMatchObject({ type: 'map', orientation: 'orthogonal', width: 40, height: 14, infinite: false });
    const png = await call('levels.export', { level, provenance, format: 'png', name: 'castle' });
    expect(Buffer.from(png.files[0]!.base64, 'base64').subarray(1, 4).toString()).toBe('PNG');
    const text = await call('levels.export', { level, provenance, format: 'txt', name: 'castle' });
    expect(Buffer.from(text.files[0]!.base64, 'base64').toString().split('\n')[0]).toBe(level.rows[0]);
  });

  it('installs 1.0.0 on a fresh data folder; 1.1.0-rc.1 (one key/value head) is bundled as a pre-release, used once named', async () => {
    // The first level of this file installed the newest release the bundled catalog offers: 1.0.0, since
    // level-platformer 1.1.0-rc.1 measured no better (its card) and a pre-release is only installed by name.
    const first = await call('levels.generate', { width: 30, seed: 2 });
    expect(first.model).toMatchObject({ name: 'level-platformer', version: '1.0.0' });
    const listed = await call('models.list', {});
    const installed = listed.models.find((model) => model.name === 'level-platformer')!;
    expect(installed.versions.map((version) => version.version)).toEqual(['1.0.0']);
    // A pre-release is not offered as an update either.
    expect(installed.update).toBeNull();
    await call('models.install', {
      name: 'level-platformer',
      version: '1.1.0-rc.1',
      catalogId: 'bundled',
      activate: true,
      wait: true,
    });
    const candidate = await call('levels.generate', { prompt: 'no enemies, some pipes', width: 100, seed: 2 });
    expect(candidate.model).toMatchObject({ name: 'level-platformer', version: '1.1.0-rc.1' });
    const level = candidate.result.levels[0]!;
    expect(level.playable).toBe(true);
    expect(level.rows.join('')).not.toMatch(/[EBb]/);
    expect(level.rows.join('')).toContain('<>');
  });

  it('serves the tile art the UI draws with', async () => {
    const tileset = await call('levels.tileset', {});
    expect(tileset.tiles).toContain('X');
    const png = Buffer.from(tileset.pngBase64, 'base64');
    expect(png.readUInt32BE(16)).toBe(tileset.tileSize * tileset.tiles.length);
    expect(tileset.background).toMatch(/^#[0-9a-f]{6}$/);
  });
});
