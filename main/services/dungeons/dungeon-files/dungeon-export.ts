// One entry point for the dungeon exports (VGLC Zelda text, Tiled, LDtk, PNG): the files each format needs, as bytes.
import { MosaicError } from '../../../../contract/index.js';
import type { DungeonExportFormat } from '../../../../contract/dungeon-methods.js';
import type { Dungeon } from '../../../../contract/dungeons.js';
import type { LevelProvenance } from '../../../../contract/levels.js';
import { dungeonToLdtkProject } from './dungeon-ldtk.js';
import { renderDungeonPng } from './dungeon-render.js';
import { dungeonToTiledMap } from './dungeon-tiled.js';
import {
  dungeonTilesetFileName,
  dungeonTilesetImageName,
  dungeonTilesetJson,
  dungeonTilesetPng,
} from './dungeon-tileset.js';
import { dungeonToVglcText } from './vglc-zelda.js';

export interface ExportFile {
  /** File name relative to the export folder. */
  name: string;
  contents: Buffer;
}

/** The format a file name asks for by its extension (.txt → vglc, .tmj/.json, .ldtk, .png), or null. */
export function dungeonFormatFromFileName(fileName: string): DungeonExportFormat | null {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (extension === 'txt') return 'vglc';
  if (extension === 'tmj' || extension === 'json') return 'tmj';
  if (extension === 'ldtk' || extension === 'png') return extension;
  return null;
}

export function exportDungeon(
  format: DungeonExportFormat,
  dungeon: Dungeon,
  provenance: LevelProvenance,
  baseName: string,
): ExportFile[] {
  if (!/^[A-Za-z0-9._ -]{1,120}$/.test(baseName)) {
    throw new MosaicError('BAD_REQUEST', 'An export name may use letters, digits, space, ".", "_" and "-" only.');
  }
  const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 1)}\n`);
  switch (format) {
    case 'vglc':
      return [{ name: `${baseName}.txt`, contents: Buffer.from(dungeonToVglcText(dungeon)) }];
    case 'tmj':
      return [
        { name: `${baseName}.tmj`, contents: json(dungeonToTiledMap(dungeon, provenance)) },
        { name: dungeonTilesetFileName, contents: json(dungeonTilesetJson(dungeonTilesetImageName)) },
        { name: dungeonTilesetImageName, contents: dungeonTilesetPng() },
      ];
    case 'ldtk':
      return [
        {
          name: `${baseName}.ldtk`,
          contents: json(dungeonToLdtkProject(dungeon, provenance, baseName, dungeonTilesetImageName)),
        },
        { name: dungeonTilesetImageName, contents: dungeonTilesetPng() },
      ];
    case 'png':
      return [
        {
          name: `${baseName}.png`,
          contents: renderDungeonPng(dungeon, {
            Software: 'Mosaic Studio',
            Model: provenance.model,
            Digest: provenance.digest,
            Prompt: provenance.prompt,
            Seed: String(provenance.seed),
          }),
        },
      ];
  }
}
