// The tile art, pinned: the tileset strip and a fixed level that uses every tile, drawn to PNG, hash to the values they
// had when the art was written (a change to tile-art.ts that moves one pixel fails here). The pixel hashes are read
// through the tests' own PNG reader; the byte hashes also pin the encoder (a Node whose zlib deflates differently would
// change only those: the pixel hashes then say whether the art itself changed).
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { columnsOf } from '../../../../../../main/inference/tasks/level/level-grid.js';
import { PlayabilityAgent } from '../../../../../../main/inference/tasks/level/playability-agent.js';
import { exportLevel } from '../../../../../../main/services/levels/level-files/level-export.js';
import { palette, tileArt } from '../../../../../../main/services/levels/level-files/tile-art.js';
import { tilesetPng, tilesetTiles } from '../../../../../../main/services/levels/level-files/tileset-export.js';
import { everyTileRows } from '../../../../../support/every-tile-level.js';
import { readPng } from '../../../../../support/png-reader.js';

const rows = [...everyTileRows];
const report = new PlayabilityAgent().check(columnsOf(rows));
const level = { rows, path: report.path, spawn: report.spawn, goal: report.goal, playable: report.playable };
const provenance = { model: 'level-platformer@1.0.0', digest: 'a'.repeat(64), prompt: 'tile art', seed: 7 };

const sha256 = (bytes: Buffer | Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** SHA-256 of the decoded RGBA pixels, row by row. */
function pixelHash(png: Buffer): string {
  const image = readPng(png);
  const pixels = Buffer.alloc(image.width * image.height * 4);
  for (let y = 0; y < image.height; y += 1) {
    for (let x = 0; x < image.width; x += 1) pixels.set(image.pixel(x, y), (y * image.width + x) * 4);
  }
  return sha256(pixels);
}

describe('tile art', () => {
  it('draws every tileset tile as 16 rows of 16 characters from the palette', () => {
    expect(Object.keys(tileArt).sort()).toEqual([...tilesetTiles].sort());
    for (const tile of tilesetTiles) {
      const art = tileArt[tile]!;
      expect(art, tile).toHaveLength(16);
      for (const row of art) {
        expect(row, tile).toHaveLength(16);
        for (const colour of row) expect(colour === '.' || colour in palette, `${tile}: '${colour}'`).toBe(true);
      }
    }
  });

  it('the fixed level uses every tile', () => {
    expect(new Set(rows.join('').replace(/-/g, ''))).toEqual(new Set(tilesetTiles));
  });

  it('gives the tileset strip the same pixels and bytes as when the art was written', () => {
    const png = tilesetPng();
    expect(pixelHash(png)).toBe('dde00f4ed6e21b50fa62b3fe7a179c98f14412c9b0eac127c0f92092f394ba12');
    expect(sha256(png)).toBe('8c00a56f30524b47c9dc79dd577f0ad751d622c89ef6bddc9086f0762a42da09');
  });

  it('gives the PNG of a fixed level using every tile the same pixels and bytes as when the art was written', () => {
    const [file] = exportLevel('png', level, provenance, 'level');
    expect(pixelHash(file!.contents)).toBe('1065f5a6681481135543823229816c63c8f4d58dbecb6d5cacb7da2b05bde074');
    expect(sha256(file!.contents)).toBe('d3c3755aeaed6563b7e274196adf7e34ba33baaae0a510fb19ffbc2abc04e4aa');
  });
});
