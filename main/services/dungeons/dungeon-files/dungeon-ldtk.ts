// LDtk 1.5 project (.ldtk) of a dungeon: worldLayout GridVania with one level per room at its grid cell, each with a
// tile layer (the dungeon tileset), a Collision IntGrid (unwalkable tiles) and entities for doors, spawn, keys and boss.
import type { Dungeon, DungeonCell, DungeonRoom, DungeonSide } from '../../../../contract/dungeons.js';
import {
  doorTiles,
  dungeonRoom,
  dungeonTileNames,
  dungeonWalkableTiles,
  oppositeSide,
  sideSteps,
} from '../../../../contract/dungeons.js';
import type { LevelProvenance } from '../../../../contract/levels.js';
import {
  ldtkEntityDef,
  ldtkFieldDef,
  ldtkFieldValue,
  ldtkLayerDefs,
  ldtkProvenanceFieldDefs,
  ldtkProvenanceFieldValues,
  ldtkSolidValue,
  ldtkStripTilesetDef,
  type LdtkEntityLook,
} from '../../game-files/ldtk-defs.js';
import {
  ldtkEntityInstance,
  ldtkIids,
  ldtkLayerInstances,
  ldtkLevel,
  ldtkProject,
  ldtkStripTile,
  type LdtkIids,
} from '../../game-files/ldtk-project.js';
import type {
  LdtkEntityDef,
  LdtkEntityInstance,
  LdtkFieldInstance,
  LdtkLevel,
  LdtkProject,
  LdtkTile,
} from '../../levels/level-files/ldtk-format.js';
import { dungeonTileSize as size, dungeonTilesetTiles } from './dungeon-tileset.js';

const roomPxWid = dungeonRoom.width * size;
const roomPxHei = dungeonRoom.height * size;
const uid = {
  tileset: 1,
  entitiesLayer: 2,
  tilesLayer: 3,
  collisionLayer: 4,
  spawn: 5,
  key: 6,
  boss: 7,
  door: 8,
  keyIndex: 9,
  doorTo: 10,
  doorSide: 11,
  doorLock: 12,
  roomId: 13,
  roomRole: 14,
  generator: 15,
  model: 16,
  digest: 17,
  prompt: 18,
  seed: 19,
  firstLevel: 100,
} as const;

const fields = {
  keyIndex: ldtkFieldDef(
    uid.keyIndex,
    'key',
    'Int',
    'Which key: it opens the doors whose lock field holds the same number.',
  ),
  doorTo: ldtkFieldDef(uid.doorTo, 'toRoom', 'Int', 'The room (level uid - 100) behind the door.'),
  doorSide: ldtkFieldDef(uid.doorSide, 'side', 'String', 'The wall the door is in: north, east, south or west.'),
  doorLock: ldtkFieldDef(uid.doorLock, 'lock', 'Int', 'The key that opens it; null for an open door.', true),
  roomId: ldtkFieldDef(uid.roomId, 'room', 'Int', "The room's id in the dungeon."),
  roomRole: ldtkFieldDef(uid.roomRole, 'role', 'String', 'start, normal, enemy, key or boss.'),
};
const provenanceFields = ldtkProvenanceFieldDefs(uid, {
  generator: 'The application that wrote this dungeon.',
  model: 'The room model, as name@version.',
  prompt: 'What the dungeon was asked for.',
});

// Top-down: an entity is centred on its cell.
const centred: Pick<LdtkEntityLook, 'size' | 'pivotY' | 'fillOpacity' | 'maxCount' | 'tileRect'> = {
  size,
  pivotY: 0.5,
  fillOpacity: 0.6,
  maxCount: 0,
  tileRect: null,
};

const entities = {
  spawn: ldtkEntityDef(uid.spawn, 'Spawn', {
    ...centred,
    color: '#38D838',
    doc: 'Where the player starts.',
    fieldDefs: [],
  }),
  key: ldtkEntityDef(uid.key, 'Key', {
    ...centred,
    color: '#F8B800',
    doc: 'A key; each is reachable without passing its own lock.',
    fieldDefs: [fields.keyIndex],
  }),
  boss: ldtkEntityDef(uid.boss, 'Boss', {
    ...centred,
    color: '#F83800',
    doc: 'The goal: the room farthest from the start.',
    fieldDefs: [],
  }),
  door: ldtkEntityDef(uid.door, 'Door', {
    ...centred,
    color: '#7C4C1C',
    doc: 'A door to the next room (placed on its first door tile).',
    fieldDefs: [fields.doorTo, fields.doorSide, fields.doorLock],
  }),
};

/** The LDtk project of a dungeon; iids derive from the provenance and name, so the same export gives the same file. */
export function dungeonToLdtkProject(
  dungeon: Dungeon,
  provenance: LevelProvenance,
  baseName: string,
  tilesetImage: string,
): LdtkProject {
  const iids = ldtkIids(provenance, baseName);
  const at = new Map(dungeon.rooms.map((room) => [`${room.x},${room.y}`, room.id]));
  return ldtkProject({
    iids,
    nextUid: uid.firstLevel + dungeon.rooms.length,
    bgColor: '#000000',
    defaultLevelBgColor: '#000000',
    gridSize: size,
    defaultPivotY: 0.5,
    worldLayout: 'GridVania',
    levelPxWid: roomPxWid,
    levelPxHei: roomPxHei,
    levelNamePattern: 'Room_%idx',
    defs: {
      layers: ldtkLayerDefs(uid, size, {
        entities: 'Doors, spawn, keys and boss.',
        tiles: 'The room drawn with the dungeon tileset.',
        collision: 'Tiles the player cannot cross: blocks, water, walls.',
      }),
      entities: Object.values(entities),
      tilesets: [
        ldtkStripTilesetDef({
          uid: uid.tileset,
          identifier: 'Dungeon_tiles',
          relPath: tilesetImage,
          tileSize: size,
          tiles: dungeonTilesetTiles,
          dataOf: (tile) => ({
            vglc: tile,
            name: dungeonTileNames[tile],
            walkable: dungeonWalkableTiles.includes(tile),
          }),
        }),
      ],
      enums: [],
      externalEnums: [],
      levelFields: [fields.roomId, fields.roomRole, ...Object.values(provenanceFields)],
    },
    levels: dungeon.rooms.map((room) => roomLevel(dungeon, room, at, iids, provenance, tilesetImage)),
  });
}

function roomLevel(
  dungeon: Dungeon,
  room: DungeonRoom,
  at: ReadonlyMap<string, number>,
  iid: LdtkIids,
  provenance: LevelProvenance,
  tilesetImage: string,
): LdtkLevel {
  const levelUid = uid.firstLevel + room.id;
  const worldX = room.x * roomPxWid;
  const worldY = room.y * roomPxHei;
  const intGridCsv: number[] = [];
  const gridTiles: LdtkTile[] = [];
  room.tiles.forEach((row, y) => {
    for (let x = 0; x < row.length; x += 1) {
      const tile = row[x]!;
      intGridCsv.push(tile !== '-' && !dungeonWalkableTiles.includes(tile) ? ldtkSolidValue : 0);
      const id = dungeonTilesetTiles.indexOf(tile);
      if (id >= 0) gridTiles.push(ldtkStripTile(x, y, id, dungeonRoom.width, size));
    }
  });
  const entity = (def: LdtkEntityDef, cell: DungeonCell, purpose: string, fieldInstances: LdtkFieldInstance[] = []) =>
    ldtkEntityInstance(def, {
      cell,
      px: [cell[0] * size + size / 2, cell[1] * size + size / 2],
      levelWorld: [worldX, worldY],
      iid: iid(`room:${room.id}:${purpose}`),
      fieldInstances,
    });
  const instances: LdtkEntityInstance[] = [];
  for (const door of dungeon.doors) {
    const mine = door.from === room.id ? door.side : door.to === room.id ? oppositeSide[door.side] : null;
    if (!mine) continue;
    const other = door.from === room.id ? door.to : door.from;
    instances.push(
      entity(entities.door, doorTiles(mine)[0]!, `door:${mine}`, [
        ldtkFieldValue(fields.doorTo, other),
        ldtkFieldValue(fields.doorSide, mine),
        ldtkFieldValue(fields.doorLock, door.lock),
      ]),
    );
  }
  if (dungeon.spawn.room === room.id) instances.push(entity(entities.spawn, dungeon.spawn.at, 'spawn'));
  dungeon.keys.forEach((key, index) => {
    if (key.room === room.id)
      instances.push(entity(entities.key, key.at, `key:${index}`, [ldtkFieldValue(fields.keyIndex, index)]));
  });
  if (dungeon.goal.room === room.id) instances.push(entity(entities.boss, dungeon.goal.at, 'boss'));

  const dirs: Record<DungeonSide, string> = { north: 'n', east: 'e', south: 's', west: 'w' };
  const neighbours = (Object.keys(sideSteps) as DungeonSide[]).flatMap((side) => {
    const [dx, dy] = sideSteps[side];
    const other = at.get(`${room.x + dx},${room.y + dy}`);
    return other === undefined ? [] : [{ levelIid: iid(`room:${other}`), dir: dirs[side] }];
  });
  return ldtkLevel({
    identifier: `Room_${room.id}`,
    iid: iid(`room:${room.id}`),
    uid: levelUid,
    worldX,
    worldY,
    pxWid: roomPxWid,
    pxHei: roomPxHei,
    bgColor: '#000000',
    fieldInstances: [
      ldtkFieldValue(fields.roomId, room.id),
      ldtkFieldValue(fields.roomRole, room.role),
      ...ldtkProvenanceFieldValues(provenanceFields, provenance),
    ],
    layerInstances: ldtkLayerInstances(
      {
        uids: uid,
        levelUid,
        width: dungeonRoom.width,
        height: dungeonRoom.height,
        gridSize: size,
        seed: provenance.seed,
        layerIid: (identifier) => iid(`room:${room.id}:layer:${identifier}`),
        tilesetRelPath: tilesetImage,
      },
      { entityInstances: instances, gridTiles, intGridCsv },
    ),
    __neighbours: neighbours,
  });
}
