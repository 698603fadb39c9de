// One entry point for the level exports (Tiled, LDtk, PNG, VGLC text): the files each format needs, as bytes, for the caller to write.
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
import { levelToLdtkProject } from './ldtk-export.js';
import { renderLevelPng, type ExportableLevel } from './level-render.js';
import { levelToTiledMap, tilesetFileName, tilesetImageName } from './tiled-export.js';
import { tilesetJson, tilesetPng } from './tileset-export.js';
import { levelToVglcText } from './vglc-text.js';

export const levelExportFormats = ['tmj', 'ldtk', 'png', 'txt'] as const;
export type LevelExportFormat = (typeof levelExportFormats)[number];

const levelTileset: ExportTileset = {
  fileName: tilesetFileName,
  imageName: tilesetImageName,
  json: tilesetJson,
  png: tilesetPng,
};

/** The format a file name asks for by its extension (.tmj/.json → tmj, .ldtk, .png, .txt), or null. */
export function formatFromFileName(fileName: string): LevelExportFormat | null {
  return formatFromExtension<LevelExportFormat>(fileName, {
    tmj: 'tmj',
    json: 'tmj',
    ldtk: 'ldtk',
    png: 'png',
    txt: 'txt',
  });
}

/**
 * The files of one export. `baseName` is the level's file name without extension. A Tiled map comes with its external
 * tileset (.tsj) and the tileset's PNG, both shared by every map exported to the same folder; an LDtk project comes
 * with the same tileset PNG (its tileset definition points at it).
 */
export function exportLevel(
  format: LevelExportFormat,
  level: ExportableLevel,
  provenance: LevelProvenance,
  baseName: string,
): ExportFile[] {
  return exportFilesOf(format, baseName, {
    tmj: (name) => tiledMapFiles(name, levelToTiledMap(level, provenance), levelTileset),
    ldtk: (name) => ldtkProjectFiles(name, levelToLdtkProject(level, provenance, name, tilesetImageName), levelTileset),
    png: (name) => [{ name: `${name}.png`, contents: renderLevelPng(level, pngProvenanceText(provenance)) }],
    txt: (name) => [{ name: `${name}.txt`, contents: Buffer.from(levelToVglcText(level)) }],
  });
}
