// The CLI's writer for level and dungeon exports: each variation's files under the user's --out name, numbered when
// there are several, a file all variations share listed once, and a name the export refuses asked for as a stand-in.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runProvenance, writeGameExports } from '../../../../main/cli/export-file-names.js';

const folder = mkdtempSync(join(tmpdir(), 'mosaic-cli-exports-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const base64 = (text: string) => Buffer.from(text).toString('base64');
/** Answers as a level or dungeon export of Tiled does: the map, then the tileset and its PNG every map shares. */
const tiledExport = async (variation: { variation: number }, name: string) => ({
  files: [
    { name: `${name}.tmj`, mediaType: 'application/json', base64: base64(`map ${variation.variation}`) },
    { name: 'tiles.tsj', mediaType: 'application/json', base64: base64('tileset') },
    { name: 'tiles.png', mediaType: 'image/png', base64: base64('png') },
  ],
});

describe('writeGameExports', () => {
  it('numbers several variations and lists the shared tileset on the first only', async () => {
    const out = join(folder, 'many', 'castle.tmj');
    const written = await writeGameExports(out, [{ variation: 0 }, { variation: 1 }], tiledExport);
    expect(written).toEqual([
      [join(folder, 'many', 'castle-1.tmj'), join(folder, 'many', 'tiles.tsj'), join(folder, 'many', 'tiles.png')],
      [join(folder, 'many', 'castle-2.tmj')],
    ]);
    expect(readFileSync(join(folder, 'many', 'castle-2.tmj'), 'utf8')).toBe('map 1');
  });

  it('asks for a stand-in name where the user’s would be refused, and writes under the user’s', async () => {
    const asked: string[] = [];
    const out = join(folder, 'odd', 'A#minor.tmj');
    const written = await writeGameExports(out, [{ variation: 0 }], (variation, name) => {
      asked.push(name);
      return tiledExport(variation, name);
    });
    expect(asked).toEqual(['mosaic-export']);
    expect(written[0]![0]).toBe(join(folder, 'odd', 'A#minor.tmj'));
    expect(existsSync(join(folder, 'odd', 'mosaic-export.tmj'))).toBe(false);
  });

  it('writes provenance with the model as name@version', () => {
    expect(
      runProvenance({
        model: { name: 'level-dungeon', version: '1.0.0', digest: 'd'.repeat(64) },
        result: { prompt: '12 rooms', seed: 3 },
      }),
    ).toEqual({ model: 'level-dungeon@1.0.0', digest: 'd'.repeat(64), prompt: '12 rooms', seed: 3 });
  });
});
