// The dungeon tileset: 16 × 16 art for each VGLC Zelda tile, drawn by code (no outside art), as one PNG strip and a
// Tiled tileset (.tsj) whose tiles carry their VGLC character, name and walkability.
import { dungeonTileNames, dungeonWalkableTiles } from '../../../../contract/dungeons.js';
import { tiledBool, tiledStripTileset, tiledText } from '../../game-files/tiled-map.js';
import { createImage, drawArt, encodePng, type RgbaImage } from '../../levels/level-files/png-encoder.js';

export const dungeonTileSize = 16;
/** Tiles in strip order: tile id i is dungeonTilesetTiles[i] (Tiled GID i + 1); void has no tile (GID 0). */
export const dungeonTilesetTiles: readonly string[] = ['F', 'B', 'M', 'P', 'O', 'I', 'D', 'S', 'W'];
export const dungeonTilesetFileName = 'mosaic-dungeon-tiles.tsj';
export const dungeonTilesetImageName = 'mosaic-dungeon-tiles.png';
/** Behind the map, where no room is. */
export const voidColour = 0x000000;

const floor = 0x2c4c6c;
const floorDot = 0x3c6488;
const block = 0x8c8c8c;
const blockLight = 0xc8c8c8;
const blockDark = 0x4c4c4c;
const water = 0x1c3cd8;
const waterLight = 0x6c9cfc;
const wall = 0x1c3c3c;
const wallLine = 0x0c2020;

type Art = (x: number, y: number) => number;

const floorArt: Art = (x, y) => ((x % 8 === 3 && y % 8 === 3) || (x % 8 === 4 && y % 8 === 4) ? floorDot : floor);
const blockArt: Art = (x, y) => {
  if (x === 0 || y === 0) return blockLight;
  if (x === 15 || y === 15) return blockDark;
  return (x + y) % 7 === 0 ? blockDark : block;
};
const waterArt: Art = (x, y) =>
  (y % 6 === 2 && (x + y) % 8 < 4) || (y % 6 === 5 && (x + 4) % 8 < 3) ? waterLight : water;
const inset =
  (outer: Art, inner: Art, margin: number): Art =>
  (x, y) =>
    x >= margin && y >= margin && x < 16 - margin && y < 16 - margin ? inner(x, y) : outer(x, y);
const monsterArt: Art = (x, y) => {
  const dx = x - 7.5;
  const dy = y - 8;
  if (dx * dx + dy * dy > 36) return floorArt(x, y);
  if (y === 6 && (x === 5 || x === 10)) return 0xfcfcfc;
  return y > 11 && x % 3 === 0 ? 0x7c0c0c : 0xd82800;
};
const doorArt: Art = (x, y) => (x < 2 || x > 13 || y < 2 || y > 13 ? 0x7c4c1c : 0x080808);
const stairArt: Art = (x, y) => (y % 4 < 2 ? 0xbcbcbc : 0x5c5c5c) - (x === 0 || x === 15 ? 0x202020 : 0);
const wallArt: Art = (x, y) => (y % 8 === 7 || (x + (y < 8 ? 0 : 8)) % 16 === 0 ? wallLine : wall);

const art: Readonly<Record<string, Art>> = {
  F: floorArt,
  B: blockArt,
  M: monsterArt,
  P: waterArt,
  O: inset(waterArt, floorArt, 4),
  I: inset(waterArt, blockArt, 3),
  D: doorArt,
  S: stairArt,
  W: wallArt,
};

/** Draws one tile with its top-left corner at (x, y), `scale` pixels per art pixel; void draws nothing. */
export function drawDungeonTile(image: RgbaImage, tile: string, x: number, y: number, scale = 1): void {
  const paint = art[tile];
  if (!paint) return;
  drawArt(image, x, y, scale, dungeonTileSize, dungeonTileSize, paint);
}

export function dungeonTilesetPng(): Buffer {
  const image = createImage(dungeonTileSize * dungeonTilesetTiles.length, dungeonTileSize);
  dungeonTilesetTiles.forEach((tile, index) => drawDungeonTile(image, tile, index * dungeonTileSize, 0));
  return encodePng(image, { Software: 'Mosaic Studio', Title: 'VGLC Zelda dungeon tiles' });
}

/** The GID of a VGLC Zelda tile in a map whose tileset starts at 1 (0 for void). */
export function dungeonGidOf(tile: string): number {
  const index = dungeonTilesetTiles.indexOf(tile);
  return index < 0 ? 0 : index + 1;
}

/** Tiled's JSON tileset (an external .tsj) for the strip saved as `imageFile` next to it. */
export function dungeonTilesetJson(imageFile: string) {
  return tiledStripTileset({
    name: 'vglc-zelda',
    imageFile,
    tileSize: dungeonTileSize,
    tiles: dungeonTilesetTiles,
    typeOf: (tile) => dungeonTileNames[tile]!.replace(/[^a-z]+/gi, '-').replace(/-$/, ''),
    propertiesOf: (tile) => [
      tiledText('vglc', tile),
      tiledText('name', dungeonTileNames[tile]!),
      tiledBool('walkable', dungeonWalkableTiles.includes(tile)),
    ],
  });
}
