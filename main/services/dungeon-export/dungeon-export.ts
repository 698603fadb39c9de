// One entry point for the dungeon exports (VGLC Zelda text, Tiled, LDtk, PNG): the files each format needs, as bytes.
import { MosaicError } from '../../../contract/index.js';
import type { DungeonExportFormat } from '../../../contract/dungeon-methods.js';
import type { Dungeon } from '../../../contract/dungeons.js';
import type { LevelProvenance } from '../../../contract/levels.js';
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
  switch (format) {
    case 'vglc':
      return [{ name: `${baseName}.txt`, contents: Buffer.from(dungeonToVglcText(dungeon)) }];
    default:
      throw new MosaicError('BAD_REQUEST', `Dungeon export to ${format} is not available yet.`);
  }
}
