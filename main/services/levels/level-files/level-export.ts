// One entry point for the level exports (Tiled, LDtk, PNG, VGLC text): the files each format needs, as bytes, for the caller to write.
import { MosaicError } from '../../../../contract/index.js';
import type { LevelProvenance } from '../../../../contract/levels.js';
import { levelToLdtkProject } from './ldtk-export.js';
import { renderLevelPng, type ExportableLevel } from './level-render.js';
import { levelToTiledMap, tilesetFileName, tilesetImageName } from './tiled-export.js';
import { tilesetJson, tilesetPng } from './tileset-export.js';
import { levelToVglcText } from './vglc-text.js';

export const levelExportFormats = ['tmj', 'ldtk', 'png', 'txt'] as const;
export type LevelExportFormat = (typeof levelExportFormats)[number];

export interface ExportFile {
  /** File name relative to the export folder. */
  name: string;
  contents: Buffer;
}

/** The format a file name asks for by its extension (.tmj/.json → tmj, .ldtk, .png, .txt), or null. */
export function formatFromFileName(fileName: string): LevelExportFormat | null {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (extension === 'tmj' || extension === 'json') return 'tmj';
  if (extension === 'ldtk' || extension === 'png' || extension === 'txt') return extension;
  return null;
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
  if (!/^[A-Za-z0-9._ -]{1,120}$/.test(baseName)) {
    throw new MosaicError('BAD_REQUEST', 'An export name may use letters, digits, space, ".", "_" and "-" only.');
  }
  const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 1)}\n`);
  switch (format) {
    case 'tmj':
      return [
        { name: `${baseName}.tmj`, contents: json(levelToTiledMap(level, provenance)) },
        { name: tilesetFileName, contents: json(tilesetJson(tilesetImageName)) },
        { name: tilesetImageName, contents: tilesetPng() },
      ];
    case 'ldtk':
      return [
        { name: `${baseName}.ldtk`, contents: json(levelToLdtkProject(level, provenance, baseName, tilesetImageName)) },
        { name: tilesetImageName, contents: tilesetPng() },
      ];
    case 'png':
      return [
        {
          name: `${baseName}.png`,
          contents: renderLevelPng(level, {
            Software: 'Mosaic Studio',
            Model: provenance.model,
            Digest: provenance.digest,
            Prompt: provenance.prompt,
            Seed: String(provenance.seed),
          }),
        },
      ];
    case 'txt':
      return [{ name: `${baseName}.txt`, contents: Buffer.from(levelToVglcText(level)) }];
  }
}
