// LDtk 1.5 project (.ldtk) of a dungeon: worldLayout GridVania with one level per room at its grid cell, each with a
// tile layer (the dungeon tileset), a Collision IntGrid (unwalkable tiles) and entities for doors, spawn, keys and boss.
import { createHash } from 'node:crypto';
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
import type {
  LdtkEntityDef,
  LdtkEntityInstance,
  LdtkFieldDef,
  LdtkFieldInstance,
  LdtkLayerDef,
  LdtkLayerInstance,
  LdtkLevel,
  LdtkProject,
  LdtkTile,
} from '../../levels/level-files/ldtk-format.js';
import { ldtkJsonVersion } from '../../levels/level-files/ldtk-format.js';
import { dungeonTileSize as size, dungeonTilesetTiles } from './dungeon-tileset.js';

/** The Collision IntGrid value of a tile the player cannot cross (0 is walkable or void). */
export const dungeonSolidValue = 1;
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

const editorIds = { Int: 'V_Int', Float: 'V_Float', String: 'V_String', Bool: 'V_Bool' } as const;

function fieldDef(
  fieldUid: number,
  identifier: string,
  type: LdtkFieldDef['__type'],
  doc: string,
  canBeNull = false,
): LdtkFieldDef {
  return {
    identifier,
    doc,
    __type: type,
    type: `F_${type}`,
    uid: fieldUid,
    isArray: false,
    canBeNull,
    arrayMinLength: null,
    arrayMaxLength: null,
    min: null,
    max: null,
    regex: null,
    acceptFileTypes: null,
    defaultOverride: null,
    textLanguageMode: null,
    editorDisplayMode: 'Hidden',
    editorDisplayPos: 'Above',
    editorDisplayScale: 1,
    editorDisplayColor: null,
    editorLinkStyle: 'StraightArrow',
    editorAlwaysShow: false,
    editorShowInWorld: true,
    editorCutLongValues: true,
    editorTextPrefix: null,
    editorTextSuffix: null,
    useForSmartColor: false,
    exportToToc: false,
    searchable: false,
    symmetricalRef: false,
    autoChainRef: true,
    allowOutOfLevelRef: true,
    allowedRefs: 'OnlySame',
    allowedRefsEntityUid: null,
    allowedRefTags: [],
    tilesetUid: null,
  };
}

function fieldValue(def: LdtkFieldDef, value: string | number | boolean | null): LdtkFieldInstance {
  return {
    __identifier: def.identifier,
    __type: def.__type,
    __value: value,
    __tile: null,
    defUid: def.uid,
    realEditorValues: [value === null ? null : { id: editorIds[def.__type], params: [value] }],
  };
}

const fields = {
  keyIndex: fieldDef(
    uid.keyIndex,
    'key',
    'Int',
    'Which key: it opens the doors whose lock field holds the same number.',
  ),
  doorTo: fieldDef(uid.doorTo, 'toRoom', 'Int', 'The room (level uid - 100) behind the door.'),
  doorSide: fieldDef(uid.doorSide, 'side', 'String', 'The wall the door is in: north, east, south or west.'),
  doorLock: fieldDef(uid.doorLock, 'lock', 'Int', 'The key that opens it; null for an open door.', true),
  roomId: fieldDef(uid.roomId, 'room', 'Int', "The room's id in the dungeon."),
  roomRole: fieldDef(uid.roomRole, 'role', 'String', 'start, normal, enemy, key or boss.'),
  generator: fieldDef(uid.generator, 'generator', 'String', 'The application that wrote this dungeon.'),
  model: fieldDef(uid.model, 'model', 'String', 'The room model, as name@version.'),
  digest: fieldDef(uid.digest, 'digest', 'String', "sha256 of the model's graph."),
  prompt: fieldDef(uid.prompt, 'prompt', 'String', 'What the dungeon was asked for.'),
  // LDtk's Int is signed 32-bit and seeds are unsigned 32-bit: the seed is kept as decimal text.
  seed: fieldDef(uid.seed, 'seed', 'String', 'The unsigned 32-bit seed, in decimal.'),
};

function entityDef(
  entityUid: number,
  identifier: string,
  color: string,
  doc: string,
  fieldDefs: LdtkFieldDef[] = [],
): LdtkEntityDef {
  return {
    identifier,
    uid: entityUid,
    doc,
    tags: [],
    exportToToc: false,
    allowOutOfBounds: false,
    width: size,
    height: size,
    resizableX: false,
    resizableY: false,
    minWidth: null,
    maxWidth: null,
    minHeight: null,
    maxHeight: null,
    keepAspectRatio: false,
    color,
    renderMode: 'Rectangle',
    showName: true,
    hollow: false,
    fillOpacity: 0.6,
    lineOpacity: 1,
    tileOpacity: 1,
    tilesetId: null,
    tileRenderMode: 'FitInside',
    tileRect: null,
    uiTileRect: null,
    nineSliceBorders: [],
    maxCount: 0,
    limitScope: 'PerLevel',
    limitBehavior: 'MoveLastOne',
    // Top-down: an entity is centred on its cell.
    pivotX: 0.5,
    pivotY: 0.5,
    fieldDefs,
  };
}

const entities = {
  spawn: entityDef(uid.spawn, 'Spawn', '#38D838', 'Where the player starts.'),
  key: entityDef(uid.key, 'Key', '#F8B800', 'A key; each is reachable without passing its own lock.', [
    fields.keyIndex,
  ]),
  boss: entityDef(uid.boss, 'Boss', '#F83800', 'The goal: the room farthest from the start.'),
  door: entityDef(uid.door, 'Door', '#7C4C1C', 'A door to the next room (placed on its first door tile).', [
    fields.doorTo,
    fields.doorSide,
    fields.doorLock,
  ]),
};

function layerDef(
  layerUid: number,
  identifier: string,
  type: LdtkLayerDef['type'],
  doc: string,
  extra: Partial<LdtkLayerDef> = {},
): LdtkLayerDef {
  return {
    __type: type,
    type,
    identifier,
    uid: layerUid,
    doc,
    uiColor: null,
    gridSize: size,
    guideGridWid: 0,
    guideGridHei: 0,
    displayOpacity: 1,
    inactiveOpacity: 0.6,
    hideInList: false,
    hideFieldsWhenInactive: true,
    canSelectWhenInactive: true,
    renderInWorldView: true,
    pxOffsetX: 0,
    pxOffsetY: 0,
    parallaxFactorX: 0,
    parallaxFactorY: 0,
    parallaxScaling: true,
    requiredTags: [],
    excludedTags: [],
    uiFilterTags: [],
    useAsyncRender: false,
    intGridValues: [],
    intGridValuesGroups: [],
    autoRuleGroups: [],
    autoSourceLayerDefUid: null,
    autoTilesKilledByOtherLayerUid: null,
    biomeFieldUid: null,
    tilesetDefUid: null,
    tilePivotX: 0,
    tilePivotY: 0,
    ...extra,
  };
}

/** The LDtk project of a dungeon; iids derive from the provenance and name, so the same export gives the same file. */
export function dungeonToLdtkProject(
  dungeon: Dungeon,
  provenance: LevelProvenance,
  baseName: string,
  tilesetImage: string,
): LdtkProject {
  const iidSource = `${provenance.model}|${provenance.digest}|${provenance.prompt}|${provenance.seed}|${baseName}`;
  const iid = (purpose: string): string => {
    const h = createHash('sha256').update(`${iidSource}|${purpose}`).digest('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  };
  const at = new Map(dungeon.rooms.map((room) => [`${room.x},${room.y}`, room.id]));
  const levels = dungeon.rooms.map((room) => roomLevel(dungeon, room, at, iid, provenance, tilesetImage));
  return {
    jsonVersion: ldtkJsonVersion,
    appBuildId: 0,
    iid: iid('project'),
    nextUid: uid.firstLevel + dungeon.rooms.length,
    bgColor: '#000000',
    defaultLevelBgColor: '#000000',
    defaultGridSize: size,
    defaultEntityWidth: size,
    defaultEntityHeight: size,
    defaultPivotX: 0.5,
    defaultPivotY: 0.5,
    worldLayout: 'GridVania',
    worldGridWidth: roomPxWid,
    worldGridHeight: roomPxHei,
    defaultLevelWidth: roomPxWid,
    defaultLevelHeight: roomPxHei,
    dummyWorldIid: iid('world'),
    externalLevels: false,
    simplifiedExport: false,
    minifyJson: false,
    exportTiled: false,
    exportLevelBg: true,
    imageExportMode: 'None',
    pngFilePattern: null,
    backupOnSave: false,
    backupLimit: 10,
    backupRelPath: null,
    identifierStyle: 'Capitalize',
    levelNamePattern: 'Room_%idx',
    flags: [],
    customCommands: [],
    tutorialDesc: null,
    toc: [],
    defs: {
      layers: [
        layerDef(uid.entitiesLayer, 'Entities', 'Entities', 'Doors, spawn, keys and boss.'),
        layerDef(uid.tilesLayer, 'Tiles', 'Tiles', 'The room drawn with the dungeon tileset.', {
          tilesetDefUid: uid.tileset,
        }),
        layerDef(uid.collisionLayer, 'Collision', 'IntGrid', 'Tiles the player cannot cross: blocks, water, walls.', {
          displayOpacity: 0.5,
          intGridValues: [{ value: dungeonSolidValue, identifier: 'solid', color: '#2A2A2A', tile: null, groupUid: 0 }],
        }),
      ],
      entities: Object.values(entities),
      tilesets: [
        {
          uid: uid.tileset,
          identifier: 'Dungeon_tiles',
          relPath: tilesetImage,
          embedAtlas: null,
          pxWid: size * dungeonTilesetTiles.length,
          pxHei: size,
          tileGridSize: size,
          __cWid: dungeonTilesetTiles.length,
          __cHei: 1,
          spacing: 0,
          padding: 0,
          tags: [],
          tagsSourceEnumUid: null,
          enumTags: [],
          customData: dungeonTilesetTiles.map((tile, tileId) => ({
            tileId,
            data: JSON.stringify({
              vglc: tile,
              name: dungeonTileNames[tile],
              walkable: dungeonWalkableTiles.includes(tile),
            }),
          })),
          savedSelections: [],
          cachedPixelData: null,
        },
      ],
      enums: [],
      externalEnums: [],
      levelFields: [
        fields.roomId,
        fields.roomRole,
        fields.generator,
        fields.model,
        fields.digest,
        fields.prompt,
        fields.seed,
      ],
    },
    levels,
    worlds: [],
  };
}

function roomLevel(
  dungeon: Dungeon,
  room: DungeonRoom,
  at: ReadonlyMap<string, number>,
  iid: (purpose: string) => string,
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
      intGridCsv.push(tile !== '-' && !dungeonWalkableTiles.includes(tile) ? dungeonSolidValue : 0);
      const id = dungeonTilesetTiles.indexOf(tile);
      if (id >= 0)
        gridTiles.push({
          px: [x * size, y * size],
          src: [id * size, 0],
          f: 0,
          t: id,
          d: [x + y * dungeonRoom.width],
          a: 1,
        });
    }
  });
  const entity = (
    def: LdtkEntityDef,
    cell: DungeonCell,
    purpose: string,
    values: LdtkFieldInstance[] = [],
  ): LdtkEntityInstance => {
    const px: [number, number] = [cell[0] * size + size / 2, cell[1] * size + size / 2];
    return {
      __identifier: def.identifier,
      __grid: [cell[0], cell[1]],
      __pivot: [def.pivotX, def.pivotY],
      __tags: [],
      __tile: null,
      __smartColor: def.color,
      __worldX: worldX + px[0],
      __worldY: worldY + px[1],
      iid: iid(`room:${room.id}:${purpose}`),
      width: def.width,
      height: def.height,
      defUid: def.uid,
      px,
      fieldInstances: values,
    };
  };
  const instances: LdtkEntityInstance[] = [];
  for (const door of dungeon.doors) {
    const mine = door.from === room.id ? door.side : door.to === room.id ? oppositeSide[door.side] : null;
    if (!mine) continue;
    const other = door.from === room.id ? door.to : door.from;
    instances.push(
      entity(entities.door, doorTiles(mine)[0]!, `door:${mine}`, [
        fieldValue(fields.doorTo, other),
        fieldValue(fields.doorSide, mine),
        fieldValue(fields.doorLock, door.lock),
      ]),
    );
  }
  if (dungeon.spawn.room === room.id) instances.push(entity(entities.spawn, dungeon.spawn.at, 'spawn'));
  dungeon.keys.forEach((key, index) => {
    if (key.room === room.id)
      instances.push(entity(entities.key, key.at, `key:${index}`, [fieldValue(fields.keyIndex, index)]));
  });
  if (dungeon.goal.room === room.id) instances.push(entity(entities.boss, dungeon.goal.at, 'boss'));

  const layer = (
    identifier: string,
    type: LdtkLayerInstance['__type'],
    layerUid: number,
    content: Partial<LdtkLayerInstance>,
  ): LdtkLayerInstance => ({
    __identifier: identifier,
    __type: type,
    __cWid: dungeonRoom.width,
    __cHei: dungeonRoom.height,
    __gridSize: size,
    __opacity: 1,
    __pxTotalOffsetX: 0,
    __pxTotalOffsetY: 0,
    __tilesetDefUid: null,
    __tilesetRelPath: null,
    iid: iid(`room:${room.id}:layer:${identifier}`),
    levelId: levelUid,
    layerDefUid: layerUid,
    pxOffsetX: 0,
    pxOffsetY: 0,
    visible: true,
    optionalRules: [],
    intGridCsv: [],
    autoLayerTiles: [],
    seed: provenance.seed % 10_000_000,
    overrideTilesetUid: null,
    gridTiles: [],
    entityInstances: [],
    ...content,
  });
  const dirs: Record<DungeonSide, string> = { north: 'n', east: 'e', south: 's', west: 'w' };
  const neighbours = (Object.keys(sideSteps) as DungeonSide[]).flatMap((side) => {
    const [dx, dy] = sideSteps[side];
    const other = at.get(`${room.x + dx},${room.y + dy}`);
    return other === undefined ? [] : [{ levelIid: iid(`room:${other}`), dir: dirs[side] }];
  });
  return {
    identifier: `Room_${room.id}`,
    iid: iid(`room:${room.id}`),
    uid: levelUid,
    worldX,
    worldY,
    worldDepth: 0,
    pxWid: roomPxWid,
    pxHei: roomPxHei,
    bgColor: null,
    __bgColor: '#000000',
    __smartColor: '#000000',
    useAutoIdentifier: false,
    bgRelPath: null,
    bgPos: null,
    __bgPos: null,
    bgPivotX: 0.5,
    bgPivotY: 0.5,
    externalRelPath: null,
    fieldInstances: [
      fieldValue(fields.roomId, room.id),
      fieldValue(fields.roomRole, room.role),
      fieldValue(fields.generator, 'Mosaic Studio'),
      fieldValue(fields.model, provenance.model),
      fieldValue(fields.digest, provenance.digest),
      fieldValue(fields.prompt, provenance.prompt),
      fieldValue(fields.seed, String(provenance.seed)),
    ],
    layerInstances: [
      layer('Entities', 'Entities', uid.entitiesLayer, { entityInstances: instances }),
      layer('Tiles', 'Tiles', uid.tilesLayer, {
        __tilesetDefUid: uid.tileset,
        __tilesetRelPath: tilesetImage,
        gridTiles,
      }),
      layer('Collision', 'IntGrid', uid.collisionLayer, { intGridCsv }),
    ],
    __neighbours: neighbours,
  };
}
