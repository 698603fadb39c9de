// Decodes the tile strip from levels.tileset once into an ImageBitmap, with each tile's mean colour for thumbnails.
import { useEffect, useState } from 'react';
import type { LevelTileset } from '../../state/levels-slice.js';
import { bytesOfBase64 } from '../../ui/download-files.js';

export interface TilesetArt {
  image: ImageBitmap;
  tileSize: number;
  /** Tile index by VGLC character; air and unknown characters are absent (drawn as sky). */
  indexOf: ReadonlyMap<string, number>;
  /** Each tile's mean opaque colour as CSS, in strip order. */
  colours: readonly string[];
  background: string;
}

function meanColours(image: ImageBitmap, tileSize: number, count: number): string[] {
  const canvas = document.createElement('canvas');
  canvas.width = image.width;
  canvas.height = image.height;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) return Array.from({ length: count }, () => '#888888');
  context.drawImage(image, 0, 0);
  return Array.from({ length: count }, (_, tile) => {
    const { data } = context.getImageData(tile * tileSize, 0, tileSize, tileSize);
    const sum = [0, 0, 0, 0];
    for (let offset = 0; offset < data.length; offset += 4) {
      const alpha = data[offset + 3]! / 255;
      sum[0]! += data[offset]! * alpha;
      sum[1]! += data[offset + 1]! * alpha;
      sum[2]! += data[offset + 2]! * alpha;
      sum[3]! += alpha;
    }
    const weight = Math.max(1e-6, sum[3]!);
    const [red, green, blue] = sum.map((value) => Math.round(value / weight));
    return `rgb(${red} ${green} ${blue})`;
  });
}

async function decode(tileset: LevelTileset): Promise<TilesetArt> {
  const image = await createImageBitmap(new Blob([bytesOfBase64(tileset.pngBase64)], { type: 'image/png' }));
  return {
    image,
    tileSize: tileset.tileSize,
    indexOf: new Map(tileset.tiles.map((character, index) => [character, index])),
    colours: meanColours(image, tileset.tileSize, tileset.tiles.length),
    background: tileset.background,
  };
}

/** The decoded art of a tileset, or null while it decodes (or if it cannot be). */
export function useTilesetArt(tileset: LevelTileset | null): TilesetArt | null {
  const [art, setArt] = useState<{ source: LevelTileset; art: TilesetArt } | null>(null);
  useEffect(() => {
    if (!tileset) return;
    let current = true;
    void decode(tileset)
      .then((decoded) => {
        if (current) setArt({ source: tileset, art: decoded });
      })
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [tileset]);
  return art && art.source === tileset ? art.art : null;
}
