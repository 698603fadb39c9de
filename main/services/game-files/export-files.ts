// What every game export shares (platformer levels and dungeons alike): the checked export name, the dispatch from a
// format to the files it writes, the format a file name asks for, JSON and PNG provenance as written, and the files as
// a front-door answer (name, media type, base64).
import { MosaicError } from '../../../contract/index.js';
import type { LevelProvenance } from '../../../contract/levels.js';

export interface ExportFile {
  /** File name relative to the export folder. */
  name: string;
  contents: Buffer;
}

/**
 * The files of one export: checks `baseName` (the file name without extension), then calls the writer of `format`.
 * Throws BAD_REQUEST for a name that could leave the export folder or trouble a file system.
 */
export function exportFilesOf<Format extends string>(
  format: Format,
  baseName: string,
  writers: Readonly<Record<Format, (baseName: string) => ExportFile[]>>,
): ExportFile[] {
  if (!/^[A-Za-z0-9._ -]{1,120}$/.test(baseName)) {
    throw new MosaicError('BAD_REQUEST', 'An export name may use letters, digits, space, ".", "_" and "-" only.');
  }
  return writers[format](baseName);
}

/** The format a file name asks for by its extension (any case), looked up in `byExtension`; null for any other. */
export function formatFromExtension<Format extends string>(
  fileName: string,
  byExtension: Readonly<Record<string, Format>>,
): Format | null {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  return extension !== undefined && Object.hasOwn(byExtension, extension) ? byExtension[extension]! : null;
}

/** A JSON export file's bytes: one-space indent (readable, still small) and a final newline. */
export function jsonBytes(value: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(value, null, 1)}\n`);
}

/** A game's tileset as its exports write it beside a map: a Tiled tileset (.tsj) and the PNG strip both formats use. */
export interface ExportTileset {
  /** The .tsj's file name, shared by every map exported to the same folder. */
  fileName: string;
  /** The PNG's file name, shared likewise. */
  imageName: string;
  /** Tiled's JSON tileset pointing at `imageFile`. */
  json(imageFile: string): unknown;
  png(): Buffer;
}

/** A Tiled map's files: the map, its external tileset and the tileset's PNG. */
export function tiledMapFiles(baseName: string, map: unknown, tileset: ExportTileset): ExportFile[] {
  return [
    { name: `${baseName}.tmj`, contents: jsonBytes(map) },
    { name: tileset.fileName, contents: jsonBytes(tileset.json(tileset.imageName)) },
    { name: tileset.imageName, contents: tileset.png() },
  ];
}

/** An LDtk project's files: the project and the tileset PNG its tileset definition points at. */
export function ldtkProjectFiles(baseName: string, project: unknown, tileset: ExportTileset): ExportFile[] {
  return [
    { name: `${baseName}.ldtk`, contents: jsonBytes(project) },
    { name: tileset.imageName, contents: tileset.png() },
  ];
}

/** The PNG tEXt chunks that carry an export's provenance. */
export function pngProvenanceText(provenance: LevelProvenance): Record<string, string> {
  return {
    Software: 'Mosaic Studio',
    Model: provenance.model,
    Digest: provenance.digest,
    Prompt: provenance.prompt,
    Seed: String(provenance.seed),
  };
}

const mediaTypes: Readonly<Record<string, string>> = {
  tmj: 'application/json',
  tsj: 'application/json',
  ldtk: 'application/json',
  png: 'image/png',
  txt: 'text/plain; charset=utf-8',
};

/** Export files as the front doors answer them: name, media type by extension (octet-stream if unknown), base64. */
export function exportFilesAnswer(files: readonly ExportFile[]): {
  files: { name: string; mediaType: string; base64: string }[];
} {
  return {
    files: files.map((file) => ({
      name: file.name,
      mediaType: mediaTypes[file.name.split('.').pop() ?? ''] ?? 'application/octet-stream',
      base64: file.contents.toString('base64'),
    })),
  };
}
