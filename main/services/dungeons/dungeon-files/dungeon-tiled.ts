// Tiled JSON map (.tmj) of a whole dungeon: one tile layer with every room on the grid, and object layers for the rooms
// (role and densities), the doors (locked ones name their key), the spawn, keys, boss and the agent's route.
import type { Dungeon, DungeonCell, DungeonSpot } from '../../../../contract/dungeons.js';
import { doorTiles, dungeonRoom } from '../../../../contract/dungeons.js';
import type { LevelProvenance } from '../../../../contract/levels.js';
import {
  TiledObjectNumbering,
  tiledBool,
  tiledInt,
  tiledMap,
  tiledObjectLayer,
  tiledProvenanceProperties,
  tiledRouteObject,
  tiledText,
  tiledTileLayer,
  type TiledProperty,
} from '../../game-files/tiled-map.js';
import { dungeonGidOf, dungeonTileSize as size, dungeonTilesetFileName } from './dungeon-tileset.js';
import { dungeonMapCell, dungeonMapRows } from './vglc-zelda.js';

const centre = ([x, y]: DungeonCell) => ({ x: (x + 0.5) * size, y: (y + 0.5) * size });

export function dungeonToTiledMap(dungeon: Dungeon, provenance: LevelProvenance) {
  const rows = dungeonMapRows(dungeon);
  const width = rows[0]!.length;
  const height = rows.length;
  const numbering = new TiledObjectNumbering();
  const point = (name: string, type: string, spot: DungeonSpot, properties: TiledProperty[] = []) =>
    numbering.object({
      name,
      type,
      point: true,
      ...centre(dungeonMapCell(dungeon, spot)),
      width: 0,
      height: 0,
      properties: [tiledInt('room', spot.room), ...properties],
    });

  const rooms = dungeon.rooms.map((room) =>
    numbering.object({
      name: `room-${room.id}`,
      type: room.role,
      x: room.x * dungeonRoom.width * size,
      y: room.y * dungeonRoom.height * size,
      width: dungeonRoom.width * size,
      height: dungeonRoom.height * size,
      properties: [
        tiledInt('id', room.id),
        tiledText('enemies', room.enemies),
        tiledText('blocks', room.blocks),
        tiledText('elements', room.elements),
      ],
    }),
  );
  const doors = dungeon.doors.map((door) => {
    const room = dungeon.rooms[door.from]!;
    const tiles = doorTiles(door.side);
    const [x0, y0] = tiles[0]!;
    // The passage: from the door tiles of one room to those of the other (4 tiles across both walls).
    const east = door.side === 'east';
    return numbering.object({
      name: `door-${door.from}-${door.to}`,
      type: door.lock === null ? 'door' : 'locked-door',
      x: (room.x * dungeonRoom.width + x0) * size,
      y: (room.y * dungeonRoom.height + y0) * size,
      width: (east ? 4 : tiles.length) * size,
      height: (east ? tiles.length : 4) * size,
      properties: [tiledInt('from', door.from), tiledInt('to', door.to), tiledInt('key', door.lock ?? -1)],
    });
  });
  const markers = [
    point('spawn', 'spawn', dungeon.spawn),
    ...dungeon.keys.map((key, index) => point(`key-${index}`, 'key', key, [tiledInt('key', index)])),
    point('boss', 'boss', dungeon.goal),
  ];
  if (dungeon.path.length > 1) markers.push(tiledRouteObject(numbering, dungeon.path, centre));
  return tiledMap({
    width,
    height,
    tileSize: size,
    backgroundColor: '#000000',
    numbering,
    properties: [
      ...tiledProvenanceProperties(provenance),
      tiledBool('playable', dungeon.playable),
      tiledInt('roomWidth', dungeonRoom.width),
      tiledInt('roomHeight', dungeonRoom.height),
    ],
    tilesetSource: dungeonTilesetFileName,
    layers: [
      tiledTileLayer(
        1,
        'tiles',
        width,
        height,
        rows.flatMap((row) => [...row].map((tile) => dungeonGidOf(tile))),
      ),
      tiledObjectLayer(2, 'rooms', rooms),
      tiledObjectLayer(3, 'doors', doors),
      tiledObjectLayer(4, 'markers', markers),
    ],
  });
}
