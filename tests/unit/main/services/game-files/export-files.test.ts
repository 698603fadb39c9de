// What both games' exports share: the checked name, the format a file name asks for, the Tiled map envelope and the
// LDtk iids, checked through the shared pieces and through each game's export.
import { describe, expect, it } from 'vitest';
import type { MosaicError } from '../../../../../contract/index.js';
import {
  exportFilesAnswer,
  exportFilesOf,
  formatFromExtension,
} from '../../../../../main/services/game-files/export-files.js';
import { ldtkIids } from '../../../../../main/services/game-files/ldtk-project.js';
import { TiledObjectNumbering, tiledMap, tiledObjectLayer } from '../../../../../main/services/game-files/tiled-map.js';
import { dungeonFormatFromFileName } from '../../../../../main/services/dungeons/dungeon-files/dungeon-export.js';
import { formatFromFileName } from '../../../../../main/services/levels/level-files/level-export.js';

const provenance = { model: 'level-dungeon@1.0.0', digest: 'ab'.repeat(32), prompt: '12 rooms', seed: 4294967295 };

describe('export name and format', () => {
  it('refuses a name that could leave the folder, before any writer runs', () => {
    let ran = false;
    const writers = { txt: () => ((ran = true), []) };
    for (const name of ['../up', 'a/b', '', 'x'.repeat(121), 'ünï']) {
      let thrown: unknown;
      try {
        exportFilesOf('txt', name, writers);
      } catch (error) {
        thrown = error;
      }
      expect((thrown as MosaicError).code, name).toBe('BAD_REQUEST');
    }
    expect(ran).toBe(false);
    expect(exportFilesOf('txt', 'level 1_a-b.c', { txt: (name) => [{ name, contents: Buffer.from('') }] })).toEqual([
      { name: 'level 1_a-b.c', contents: Buffer.from('') },
    ]);
  });

  it('reads the format from the extension in any case, and nothing from an unknown or inherited one', () => {
    expect(formatFromExtension('a/B.TMJ', { tmj: 'tiled' })).toBe('tiled');
    expect(formatFromExtension('x.constructor', { tmj: 'tiled' })).toBeNull();
    expect(formatFromExtension('noextension', { tmj: 'tiled' })).toBeNull();
    // .txt means VGLC Zelda text for a dungeon and VGLC platformer text for a level.
    expect(dungeonFormatFromFileName('d.txt')).toBe('vglc');
    expect(formatFromFileName('l.txt')).toBe('txt');
    expect([dungeonFormatFromFileName('d.json'), formatFromFileName('l.JSON')]).toEqual(['tmj', 'tmj']);
    expect([dungeonFormatFromFileName('d.tsx'), formatFromFileName('l.mid')]).toEqual([null, null]);
  });

  it('answers files with their media type by extension', () => {
    const answer = exportFilesAnswer([
      { name: 'a.tmj', contents: Buffer.from('{}') },
      { name: 'a.png', contents: Buffer.from([1, 2]) },
      { name: 'a.txt', contents: Buffer.from('x') },
      { name: 'a.bin', contents: Buffer.from('') },
    ]);
    expect(answer.files.map((file) => file.mediaType)).toEqual([
      'application/json',
      'image/png',
      'text/plain; charset=utf-8',
      'application/octet-stream',
    ]);
    expect(answer.files[1]!.base64).toBe('AQI=');
  });
});

describe('Tiled map envelope', () => {
  it('numbers objects from 1 and gives the next free object and layer ids', () => {
    const numbering = new TiledObjectNumbering();
    const a = numbering.object({ name: 'a', type: 't', x: 0, y: 0, width: 0, height: 0 });
    const b = numbering.object({ name: 'b', type: 't', x: 0, y: 0, width: 0, height: 0 });
    const map = tiledMap({
      width: 2,
      height: 1,
      tileSize: 16,
      backgroundColor: '#000000',
      numbering,
      properties: [],
      tilesetSource: 't.tsj',
      layers: [tiledObjectLayer(1, 'one', [a]), tiledObjectLayer(7, 'two', [b])],
    });
    expect([a.id, b.id]).toEqual([1, 2]);
    expect([map.nextobjectid, map.nextlayerid]).toEqual([3, 8]);
  });
});

describe('LDtk iids', () => {
  it('are version-4 UUIDs, the same for the same export and purpose, different otherwise', () => {
    const iid = ldtkIids(provenance, 'dungeon');
    expect(iid('project')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(ldtkIids(provenance, 'dungeon')('project')).toBe(iid('project'));
    expect(iid('world')).not.toBe(iid('project'));
    expect(ldtkIids({ ...provenance, seed: 1 }, 'dungeon')('project')).not.toBe(iid('project'));
    expect(ldtkIids(provenance, 'other')('project')).not.toBe(iid('project'));
  });
});
