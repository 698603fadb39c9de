// The level tileset: one PNG strip of the tile art and its Tiled tileset (.tsj) with each tile's VGLC character.
import { levelTileNames } from '../../../../contract/levels.js';
import { tiledBool, tiledStripTileset, tiledText } from '../../game-files/tiled-map.js';
import { createImage, drawArt, encodePng, type RgbaImage } from './png-encoder.js';
import { palette, tileArt } from './tile-art.js';

export const tileSize = 16;
/** Tiles in tileset order: tile id i is tilesetTiles[i] (its Tiled GID is i + 1; air is GID 0, no tile). */
export const tilesetTiles: readonly string[] = ['X', 'S', '?', 'Q', 'E', '<', '>', '[', ']', 'o', 'B', 'b'];
/** The map background: the sky of the overworld. */
export const skyColour = 0x5c94fc;
/** Tiles the player cannot pass through (the Tiled tiles' `solid` property, the LDtk collision layer). */
export const solidTiles: ReadonlySet<string> = new Set(['X', 'S', '?', 'Q', '<', '>', '[', ']', 'B', 'b']);

/** Draws one tile's art with its top-left corner at (x, y), `scale` pixels per art pixel. */
export function drawTile(image: RgbaImage, tile: string, x: number, y: number, scale = 1): void {
  const art = tileArt[tile];
  if (!art) return;
  const width = Math.max(...art.map((row) => row.length));
  drawArt(image, x, y, scale, width, art.length, (artX, artY) => palette[art[artY]![artX] ?? '.']);
}

/** All tiles side by side on a transparent background, tilesetTiles order. */
export function tilesetImage(): RgbaImage {
  const image = createImage(tileSize * tilesetTiles.length, tileSize);
  tilesetTiles.forEach((tile, index) => drawTile(image, tile, index * tileSize, 0));
  return image;
}

export function tilesetPng(): Buffer {
  return encodePng(tilesetImage(), { Software: 'Mosaic Studio', Title: 'VGLC platformer tiles' });
}

/** The GID a VGLC character gets in a map whose tileset starts at `firstGid` (0 for air or an unknown tile). */
export function gidOf(tile: string, firstGid = 1): number {
  const index = tilesetTiles.indexOf(tile);
  return index < 0 ? 0 : firstGid + index;
}

/** Tiled's JSON tileset (an external .tsj) for the strip saved as `imageFile` next to it. */
export function tilesetJson(imageFile: string) {
  return tiledStripTileset({
    name: 'vglc-platformer',
    imageFile,
    tileSize,
    tiles: tilesetTiles,
    typeOf: (tile) => levelTileNames[tile]!.replace(/ /g, '-'),
    propertiesOf: (tile) => [
      tiledText('vglc', tile),
      tiledText('name', levelTileNames[tile]!),
      tiledBool('solid', solidTiles.has(tile)),
    ],
  });
}
