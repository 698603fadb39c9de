// Tiled JSON map (.tmj) of a whole dungeon: one tile layer with every room on the grid, and object layers for the rooms
// (role and densities), the doors (locked ones name their key), the spawn, keys, boss and the agent's route.
import type { Dungeon, DungeonCell, DungeonSpot } from '../../../../contract/dungeons.js';
import { doorTiles, dungeonRoom } from '../../../../contract/dungeons.js';
import type { LevelProvenance } from '../../../../contract/levels.js';
import { dungeonGidOf, dungeonTileSize as size, dungeonTilesetFileName } from './dungeon-tileset.js';
import { dungeonMapRows } from './vglc-zelda.js';

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
  polyline?: { x: number; y: number }[];
  properties?: TiledProperty[];
}

const int = (name: string, value: number): TiledProperty => ({ name, type: 'int', value });
const text = (name: string, value: string): TiledProperty => ({ name, type: 'string', value });

export function dungeonToTiledMap(dungeon: Dungeon, provenance: LevelProvenance) {
  const rows = dungeonMapRows(dungeon);
  const width = rows[0]!.length;
  const height = rows.length;
  let nextObjectId = 1;
  const object = (fields: Omit<TiledObject, 'id' | 'rotation' | 'visible'>): TiledObject => ({
    id: nextObjectId++,
    rotation: 0,
    visible: true,
    ...fields,
  });
  const mapCell = (spot: DungeonSpot): DungeonCell => {
    const room = dungeon.rooms[spot.room]!;
    return [room.x * dungeonRoom.width + spot.at[0], room.y * dungeonRoom.height + spot.at[1]];
  };
  const centre = ([x, y]: DungeonCell) => ({ x: (x + 0.5) * size, y: (y + 0.5) * size });
  const point = (name: string, type: string, spot: DungeonSpot, properties: TiledProperty[] = []) =>
    object({
      name,
      type,
      point: true,
      ...centre(mapCell(spot)),
      width: 0,
      height: 0,
      properties: [int('room', spot.room), ...properties],
    });

  const rooms = dungeon.rooms.map((room) =>
    object({
      name: `room-${room.id}`,
      type: room.role,
      x: room.x * dungeonRoom.width * size,
      y: room.y * dungeonRoom.height * size,
      width: dungeonRoom.width * size,
      height: dungeonRoom.height * size,
      properties: [
        int('id', room.id),
        text('enemies', room.enemies),
        text('blocks', room.blocks),
        text('elements', room.elements),
      ],
    }),
  );
  const doors = dungeon.doors.map((door) => {
    const room = dungeon.rooms[door.from]!;
    const tiles = doorTiles(door.side);
    const [x0, y0] = tiles[0]!;
    // The passage: from the door tiles of one room to those of the other (4 tiles across both walls).
    const east = door.side === 'east';
    return object({
      name: `door-${door.from}-${door.to}`,
      type: door.lock === null ? 'door' : 'locked-door',
      x: (room.x * dungeonRoom.width + x0) * size,
      y: (room.y * dungeonRoom.height + y0) * size,
      width: (east ? 4 : tiles.length) * size,
      height: (east ? tiles.length : 4) * size,
      properties: [int('from', door.from), int('to', door.to), int('key', door.lock ?? -1)],
    });
  });
  const markers = [
    point('spawn', 'spawn', dungeon.spawn),
    ...dungeon.keys.map((key, index) => point(`key-${index}`, 'key', key, [int('key', index)])),
    point('boss', 'boss', dungeon.goal),
  ];
  if (dungeon.path.length > 1) {
    const origin = centre(dungeon.path[0]!);
    markers.push(
      object({
        name: 'agent-path',
        type: 'path',
        ...origin,
        width: 0,
        height: 0,
        polyline: dungeon.path.map((cell) => {
          const at = centre(cell);
          return { x: at.x - origin.x, y: at.y - origin.y };
        }),
      }),
    );
  }
  const objectLayer = (id: number, name: string, objects: TiledObject[]) => ({
    id,
    name,
    type: 'objectgroup',
    draworder: 'topdown',
    objects,
    opacity: 1,
    visible: true,
    x: 0,
    y: 0,
  });
  const properties: TiledProperty[] = [
    text('generator', 'Mosaic Studio'),
    text('model', provenance.model),
    text('digest', provenance.digest),
    text('prompt', provenance.prompt),
    { name: 'seed', type: 'int', value: provenance.seed },
    { name: 'playable', type: 'bool', value: dungeon.playable },
    int('roomWidth', dungeonRoom.width),
    int('roomHeight', dungeonRoom.height),
  ];
  return {
    type: 'map',
    version: '1.10',
    tiledversion: '1.10.2',
    orientation: 'orthogonal',
    renderorder: 'right-down',
    width,
    height,
    tilewidth: size,
    tileheight: size,
    infinite: false,
    compressionlevel: -1,
    backgroundcolor: '#000000',
    nextlayerid: 5,
    nextobjectid: nextObjectId,
    properties,
    tilesets: [{ firstgid: 1, source: dungeonTilesetFileName }],
    layers: [
      {
        id: 1,
        name: 'tiles',
        type: 'tilelayer',
        width,
        height,
        x: 0,
        y: 0,
        opacity: 1,
        visible: true,
        data: rows.flatMap((row) => [...row].map((tile) => dungeonGidOf(tile))),
      },
      objectLayer(2, 'rooms', rooms),
      objectLayer(3, 'doors', doors),
      objectLayer(4, 'markers', markers),
    ],
  };
}
