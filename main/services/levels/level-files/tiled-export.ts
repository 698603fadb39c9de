// Tiled JSON map (.tmj) of a level: terrain tile layer, enemies as tile objects, spawn/goal/path markers, provenance.
import type { LevelCell, LevelProvenance } from '../../../../contract/levels.js';
import {
  TiledObjectNumbering,
  tiledBool,
  tiledMap,
  tiledObjectLayer,
  tiledProvenanceProperties,
  tiledRouteObject,
  tiledTileLayer,
  type TiledObject,
} from '../../game-files/tiled-map.js';
import type { ExportableLevel } from './level-render.js';
import { gidOf, skyColour, tileSize } from './tileset-export.js';

/** The tileset files every exported map points to (shared by all maps in a folder). */
export const tilesetFileName = 'mosaic-platformer-tiles.tsj';
export const tilesetImageName = 'mosaic-platformer-tiles.png';

/** Pixel position of the middle of a cell's floor (where feet stand). */
const feet = ([x, y]: LevelCell) => ({ x: (x + 0.5) * tileSize, y: (y + 1) * tileSize });
const centre = ([x, y]: LevelCell) => ({ x: (x + 0.5) * tileSize, y: (y + 0.5) * tileSize });

export function levelToTiledMap(level: ExportableLevel, provenance: LevelProvenance) {
  const width = level.rows[0]?.length ?? 0;
  const height = level.rows.length;
  const data: number[] = [];
  const objects: { enemies: TiledObject[]; markers: TiledObject[] } = { enemies: [], markers: [] };
  const numbering = new TiledObjectNumbering();
  level.rows.forEach((row, y) => {
    for (let x = 0; x < width; x += 1) {
      const tile = row[x]!;
      // Enemies move: engines want them as objects, so they leave the terrain layer and become tile objects.
      if (tile === 'E') {
        objects.enemies.push(
          numbering.object({
            name: 'enemy',
            type: 'enemy',
            gid: gidOf('E'),
            x: x * tileSize,
            y: (y + 1) * tileSize,
            width: 16,
            height: 16,
          }),
        );
      }
      data.push(tile === 'E' ? 0 : gidOf(tile));
    }
  });
  if (level.spawn)
    objects.markers.push(
      numbering.object({ name: 'spawn', type: 'spawn', point: true, ...feet(level.spawn), width: 0, height: 0 }),
    );
  if (level.goal)
    objects.markers.push(
      numbering.object({ name: 'goal', type: 'goal', point: true, ...feet(level.goal), width: 0, height: 0 }),
    );
  const path = level.path ?? [];
  if (path.length > 1) objects.markers.push(tiledRouteObject(numbering, path, centre));
  return tiledMap({
    width,
    height,
    tileSize,
    backgroundColor: `#${skyColour.toString(16).padStart(6, '0')}`,
    numbering,
    properties: [
      ...tiledProvenanceProperties(provenance),
      ...(level.playable === undefined ? [] : [tiledBool('playable', level.playable)]),
    ],
    tilesetSource: tilesetFileName,
    layers: [
      tiledTileLayer(1, 'terrain', width, height, data),
      tiledObjectLayer(2, 'enemies', objects.enemies),
      tiledObjectLayer(3, 'markers', objects.markers),
    ],
  });
}
