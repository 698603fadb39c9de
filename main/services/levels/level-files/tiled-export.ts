// Tiled JSON map (.tmj) of a level: terrain tile layer, enemies as tile objects, spawn/goal/path markers, provenance.
import type { LevelCell, LevelProvenance } from '../../../../contract/levels.js';
import type { ExportableLevel } from './level-render.js';
import { gidOf, skyColour, tiledFormatVersion, tiledVersion, tileSize } from './tileset-export.js';

/** The tileset files every exported map points to (shared by all maps in a folder). */
export const tilesetFileName = 'mosaic-platformer-tiles.tsj';
export const tilesetImageName = 'mosaic-platformer-tiles.png';

type TiledProperty = { name: string; type: 'string' | 'int' | 'bool'; value: string | number | boolean };

interface TiledObject {
  id: number;
  name: string;
  type: string;
  x: number;
  y: number;
  width: number;
  height: number;
  rotation: 0;
  visible: true;
  point?: true;
  gid?: number;
  polyline?: { x: number; y: number }[];
}

/** Pixel position of the middle of a cell's floor (where feet stand). */
const feet = ([x, y]: LevelCell) => ({ x: (x + 0.5) * tileSize, y: (y + 1) * tileSize });

export function levelToTiledMap(level: ExportableLevel, provenance: LevelProvenance) {
  const width = level.rows[0]?.length ?? 0;
  const height = level.rows.length;
  const data: number[] = [];
  const objects: { enemies: TiledObject[]; markers: TiledObject[] } = { enemies: [], markers: [] };
  let nextObjectId = 1;
  const object = (fields: Omit<TiledObject, 'id' | 'rotation' | 'visible'>): TiledObject => ({
    id: nextObjectId++,
    rotation: 0,
    visible: true,
    ...fields,
  });
  level.rows.forEach((row, y) => {
    for (let x = 0; x < width; x += 1) {
      const tile = row[x]!;
      // Enemies move: engines want them as objects, so they leave the terrain layer and become tile objects.
      if (tile === 'E') {
        objects.enemies.push(
          object({
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
      object({ name: 'spawn', type: 'spawn', point: true, ...feet(level.spawn), width: 0, height: 0 }),
    );
  if (level.goal)
    objects.markers.push(object({ name: 'goal', type: 'goal', point: true, ...feet(level.goal), width: 0, height: 0 }));
  const path = level.path ?? [];
  if (path.length > 1) {
    const centre = ([x, y]: LevelCell) => ({ x: (x + 0.5) * tileSize, y: (y + 0.5) * tileSize });
    const origin = centre(path[0]!);
    objects.markers.push(
      object({
        name: 'agent-path',
        type: 'path',
        ...origin,
        width: 0,
        height: 0,
        polyline: path.map((cell) => {
          const point = centre(cell);
          return { x: point.x - origin.x, y: point.y - origin.y };
        }),
      }),
    );
  }
  const properties: TiledProperty[] = [
    { name: 'generator', type: 'string', value: 'Mosaic Studio' },
    { name: 'model', type: 'string', value: provenance.model },
    { name: 'digest', type: 'string', value: provenance.digest },
    { name: 'prompt', type: 'string', value: provenance.prompt },
    { name: 'seed', type: 'int', value: provenance.seed },
    ...(level.playable === undefined ? [] : [{ name: 'playable', type: 'bool' as const, value: level.playable }]),
  ];
  const objectLayer = (id: number, name: string, list: TiledObject[]) => ({
    id,
    name,
    type: 'objectgroup',
    draworder: 'topdown',
    objects: list,
    opacity: 1,
    visible: true,
    x: 0,
    y: 0,
  });
  return {
    type: 'map',
    version: tiledFormatVersion,
    tiledversion: tiledVersion,
    orientation: 'orthogonal',
    renderorder: 'right-down',
    width,
    height,
    tilewidth: tileSize,
    tileheight: tileSize,
    infinite: false,
    compressionlevel: -1,
    backgroundcolor: `#${skyColour.toString(16).padStart(6, '0')}`,
    nextlayerid: 4,
    nextobjectid: nextObjectId,
    properties,
    tilesets: [{ firstgid: 1, source: tilesetFileName }],
    layers: [
      { id: 1, name: 'terrain', type: 'tilelayer', width, height, x: 0, y: 0, opacity: 1, visible: true, data },
      objectLayer(2, 'enemies', objects.enemies),
      objectLayer(3, 'markers', objects.markers),
    ],
  };
}
