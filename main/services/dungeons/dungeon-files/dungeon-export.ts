// One entry point for the dungeon exports (VGLC Zelda text, Tiled, LDtk, PNG): the files each format needs, as bytes.
import type { DungeonExportFormat } from '../../../../contract/dungeon-methods.js';
import type { Dungeon } from '../../../../contract/dungeons.js';
import type { LevelProvenance } from '../../../../contract/levels.js';
import {
  exportFilesOf,
  formatFromExtension,
  ldtkProjectFiles,
  pngProvenanceText,
  tiledMapFiles,
  type ExportFile,
  type ExportTileset,
} from '../../game-files/export-files.js';
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

const dungeonTileset: ExportTileset = {
  fileName: dungeonTilesetFileName,
  imageName: dungeonTilesetImageName,
  json: dungeonTilesetJson,
  png: dungeonTilesetPng,
};

/** The format a file name asks for by its extension (.txt → vglc, .tmj/.json, .ldtk, .png), or null. */
export function dungeonFormatFromFileName(fileName: string): DungeonExportFormat | null {
  return formatFromExtension<DungeonExportFormat>(fileName, {
    txt: 'vglc',
    tmj: 'tmj',
    json: 'tmj',
    ldtk: 'ldtk',
    png: 'png',
  });
}

export function exportDungeon(
  format: DungeonExportFormat,
  dungeon: Dungeon,
  provenance: LevelProvenance,
  baseName: string,
): ExportFile[] {
  return exportFilesOf(format, baseName, {
    vglc: (name) => [{ name: `${name}.txt`, contents: Buffer.from(dungeonToVglcText(dungeon)) }],
    tmj: (name) => tiledMapFiles(name, dungeonToTiledMap(dungeon, provenance), dungeonTileset),
    ldtk: (name) =>
      ldtkProjectFiles(name, dungeonToLdtkProject(dungeon, provenance, name, dungeonTilesetImageName), dungeonTileset),
    png: (name) => [{ name: `${name}.png`, contents: renderDungeonPng(dungeon, pngProvenanceText(provenance)) }],
  });
}
