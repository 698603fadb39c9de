// LDtk 1.5 project (.ldtk) of a level: an IntGrid collision layer, a tile layer drawn from the exported tileset PNG, an
// entity layer with the spawn, the goal and the enemies, and the level's provenance as level fields.
import { createHash } from 'node:crypto';
import { levelTileNames, type LevelCell, type LevelProvenance } from '../../../../contract/levels.js';
import {
  ldtkJsonVersion,
  type LdtkEditorValue,
  type LdtkEntityDef,
  type LdtkEntityInstance,
  type LdtkFieldDef,
  type LdtkFieldInstance,
  type LdtkLayerDef,
  type LdtkLayerInstance,
  type LdtkProject,
  type LdtkTile,
  type LdtkTilesetRect,
} from './ldtk-format.js';
import type { ExportableLevel } from './level-render.js';
import { skyColour, solidTiles, tilesetTiles, tileSize } from './tileset-export.js';

/** The IntGrid value of a solid cell in the collision layer (0 is empty, as in every LDtk IntGrid). */
export const ldtkSolidValue = 1;

/** Definition uids: fixed, so every exported project shares them and an engine can look layers up by either. */
const uid = {
  tileset: 1,
  entitiesLayer: 2,
  tilesLayer: 3,
  collisionLayer: 4,
  spawn: 5,
  goal: 6,
  enemy: 7,
  enemyGrounded: 8,
  goalReachable: 9,
  levelGenerator: 10,
  levelModel: 11,
  levelDigest: 12,
  levelPrompt: 13,
  levelSeed: 14,
  levelPlayable: 15,
  level: 16,
} as const;
const nextUid = 17;

const hex = (colour: number) => `#${colour.toString(16).padStart(6, '0').toUpperCase()}`;
const sky = hex(skyColour);

type ScalarType = LdtkFieldDef['__type'];
const editorIds: Record<ScalarType, LdtkEditorValue['id']> = {
  Int: 'V_Int',
  Float: 'V_Float',
  String: 'V_String',
  Bool: 'V_Bool',
};

function fieldDef(
  fieldUid: number,
  identifier: string,
  type: ScalarType,
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

const levelFieldDefs = {
  generator: fieldDef(uid.levelGenerator, 'generator', 'String', 'The application that wrote this level.'),
  model: fieldDef(uid.levelModel, 'model', 'String', 'The model that generated the level, as name@version.'),
  digest: fieldDef(uid.levelDigest, 'digest', 'String', "sha256 of the model's graph."),
  prompt: fieldDef(uid.levelPrompt, 'prompt', 'String', 'The MarioGPT-style prompt, as the model understood it.'),
  // LDtk's Int is a signed 32-bit integer and seeds are unsigned 32-bit: the seed is kept as its decimal text.
  seed: fieldDef(uid.levelSeed, 'seed', 'String', 'The unsigned 32-bit seed, in decimal.'),
  playable: fieldDef(
    uid.levelPlayable,
    'playable',
    'Bool',
    "The playability agent's verdict: it walked from the spawn to the goal (null when not checked).",
    true,
  ),
};
const enemyGrounded = fieldDef(
  uid.enemyGrounded,
  'grounded',
  'Bool',
  'True when a solid tile lies right under the enemy (it starts on the ground, not in the air).',
);
const goalReachable = fieldDef(
  uid.goalReachable,
  'reachable',
  'Bool',
  'True when the playability agent reached this goal from the spawn.',
);

/** The tileset image's rectangle for a VGLC tile. */
function tileRect(tile: string): LdtkTilesetRect {
  return { tilesetUid: uid.tileset, x: tilesetTiles.indexOf(tile) * tileSize, y: 0, w: tileSize, h: tileSize };
}

function entityDef(
  entityUid: number,
  identifier: string,
  options: { color: string; doc: string; maxCount: number; tile?: string; fieldDefs?: LdtkFieldDef[] },
): LdtkEntityDef {
  const rect = options.tile ? tileRect(options.tile) : null;
  return {
    identifier,
    uid: entityUid,
    doc: options.doc,
    tags: [],
    exportToToc: false,
    allowOutOfBounds: false,
    width: tileSize,
    height: tileSize,
    resizableX: false,
    resizableY: false,
    minWidth: null,
    maxWidth: null,
    minHeight: null,
    maxHeight: null,
    keepAspectRatio: false,
    color: options.color,
    renderMode: rect ? 'Tile' : 'Rectangle',
    showName: true,
    hollow: false,
    fillOpacity: 0.4,
    lineOpacity: 1,
    tileOpacity: 1,
    tilesetId: rect ? uid.tileset : null,
    tileRenderMode: 'FitInside',
    tileRect: rect,
    uiTileRect: null,
    nineSliceBorders: [],
    maxCount: options.maxCount,
    limitScope: 'PerLevel',
    limitBehavior: 'MoveLastOne',
    // Entities stand on the floor of their cell: the pivot is the middle of their bottom edge.
    pivotX: 0.5,
    pivotY: 1,
    fieldDefs: options.fieldDefs ?? [],
  };
}

const entityDefs = {
  spawn: entityDef(uid.spawn, 'Spawn', {
    color: '#E52521',
    doc: 'Where the player starts: standing on the ground in one of the first three columns.',
    maxCount: 1,
  }),
  goal: entityDef(uid.goal, 'Goal', {
    color: '#00A800',
    doc: 'Where the level ends: standing in the last column.',
    maxCount: 1,
    fieldDefs: [goalReachable],
  }),
  enemy: entityDef(uid.enemy, 'Enemy', {
    color: '#C84C0C',
    doc: 'An enemy (VGLC tile E) where the level places it.',
    maxCount: 0,
    tile: 'E',
    fieldDefs: [enemyGrounded],
  }),
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
    gridSize: tileSize,
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

/** An LDtk identifier (letters, digits, underscores; not starting with a digit), capitalised as LDtk names them. */
export function ldtkIdentifier(name: string): string {
  const words = name.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '') || 'Level';
  const identifier = /^[0-9]/.test(words) ? `Level_${words}` : words;
  return identifier.charAt(0).toUpperCase() + identifier.slice(1);
}

/**
 * The LDtk project of one level. `tilesetImage` is the tileset PNG's file name next to the .ldtk (the one the Tiled
 * export writes too); `baseName` names the level. Instance ids are derived from the provenance and the name, so the same
 * level exported twice gives the same file.
 */
export function levelToLdtkProject(
  level: ExportableLevel,
  provenance: LevelProvenance,
  baseName: string,
  tilesetImage: string,
): LdtkProject {
  const width = level.rows[0]?.length ?? 0;
  const height = level.rows.length;
  const iidSource = `${provenance.model}|${provenance.digest}|${provenance.prompt}|${provenance.seed}|${baseName}`;
  const iid = (purpose: string): string => {
    const h = createHash('sha256').update(`${iidSource}|${purpose}`).digest('hex');
    // Shaped as a version-4 UUID, as LDtk's own iids are UUIDs.
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  };
  const levelIid = iid('level');
  const layerIids = { entities: iid('layer:Entities'), tiles: iid('layer:Tiles'), collision: iid('layer:Collision') };

  const intGridCsv: number[] = [];
  const gridTiles: LdtkTile[] = [];
  const enemies: LevelCell[] = [];
  level.rows.forEach((row, y) => {
    for (let x = 0; x < width; x += 1) {
      const tile = row[x]!;
      intGridCsv.push(solidTiles.has(tile) ? ldtkSolidValue : 0);
      // Enemies move: engines want them as entities, so they leave the tile layer (as in the Tiled export).
      if (tile === 'E') enemies.push([x, y]);
      const id = tilesetTiles.indexOf(tile);
      if (id < 0 || tile === 'E') continue;
      gridTiles.push({
        px: [x * tileSize, y * tileSize],
        src: [id * tileSize, 0],
        f: 0,
        t: id,
        d: [x + y * width],
        a: 1,
      });
    }
  });

  const solidBelow = ([x, y]: LevelCell) => solidTiles.has(level.rows[y + 1]?.[x] ?? '');
  const entity = (
    def: LdtkEntityDef,
    cell: LevelCell,
    index: number,
    fields: LdtkFieldInstance[] = [],
  ): LdtkEntityInstance => {
    const px: [number, number] = [cell[0] * tileSize + tileSize / 2, (cell[1] + 1) * tileSize];
    return {
      __identifier: def.identifier,
      __grid: [cell[0], cell[1]],
      __pivot: [def.pivotX, def.pivotY],
      __tags: [],
      __tile: def.tileRect,
      __smartColor: def.color,
      __worldX: px[0],
      __worldY: px[1],
      iid: iid(`entity:${def.identifier}:${index}`),
      width: def.width,
      height: def.height,
      defUid: def.uid,
      px,
      fieldInstances: fields,
    };
  };
  const entityInstances: LdtkEntityInstance[] = [
    ...(level.spawn ? [entity(entityDefs.spawn, level.spawn, 0)] : []),
    ...(level.goal
      ? [entity(entityDefs.goal, level.goal, 0, [fieldValue(goalReachable, level.playable === true)])]
      : []),
    ...enemies.map((cell, index) =>
      entity(entityDefs.enemy, cell, index, [fieldValue(enemyGrounded, solidBelow(cell))]),
    ),
  ];

  const layerInstance = (
    identifier: string,
    type: LdtkLayerInstance['__type'],
    layerUid: number,
    layerIid: string,
    content: Partial<LdtkLayerInstance>,
  ): LdtkLayerInstance => ({
    __identifier: identifier,
    __type: type,
    __cWid: width,
    __cHei: height,
    __gridSize: tileSize,
    __opacity: 1,
    __pxTotalOffsetX: 0,
    __pxTotalOffsetY: 0,
    __tilesetDefUid: null,
    __tilesetRelPath: null,
    iid: layerIid,
    levelId: uid.level,
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

  const pxWid = width * tileSize;
  const pxHei = height * tileSize;
  return {
    jsonVersion: ldtkJsonVersion,
    // Not written by the LDtk application: 0 says so (LDtk reads the format from jsonVersion).
    appBuildId: 0,
    iid: iid('project'),
    nextUid,
    bgColor: '#40465B',
    defaultLevelBgColor: sky,
    defaultGridSize: tileSize,
    defaultEntityWidth: tileSize,
    defaultEntityHeight: tileSize,
    defaultPivotX: 0.5,
    defaultPivotY: 1,
    worldLayout: 'Free',
    worldGridWidth: pxWid,
    worldGridHeight: pxHei,
    defaultLevelWidth: pxWid,
    defaultLevelHeight: pxHei,
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
    levelNamePattern: 'Level_%idx',
    flags: [],
    customCommands: [],
    tutorialDesc: null,
    toc: [],
    defs: {
      layers: [
        layerDef(uid.entitiesLayer, 'Entities', 'Entities', 'Spawn, goal and enemies.'),
        layerDef(uid.tilesLayer, 'Tiles', 'Tiles', 'The level drawn with the platformer tileset (enemies excepted).', {
          tilesetDefUid: uid.tileset,
        }),
        layerDef(uid.collisionLayer, 'Collision', 'IntGrid', 'Solid cells: ground, blocks, pipes and cannons.', {
          displayOpacity: 0.5,
          intGridValues: [{ value: ldtkSolidValue, identifier: 'solid', color: '#2A2A2A', tile: null, groupUid: 0 }],
        }),
      ],
      entities: [entityDefs.spawn, entityDefs.goal, entityDefs.enemy],
      tilesets: [
        {
          uid: uid.tileset,
          identifier: 'Platformer_tiles',
          relPath: tilesetImage,
          embedAtlas: null,
          pxWid: tileSize * tilesetTiles.length,
          pxHei: tileSize,
          tileGridSize: tileSize,
          __cWid: tilesetTiles.length,
          __cHei: 1,
          spacing: 0,
          padding: 0,
          tags: [],
          tagsSourceEnumUid: null,
          enumTags: [],
          // Each tile's VGLC character, name and solidity, as JSON an importer can read (LDtk shows it per tile).
          customData: tilesetTiles.map((tile, tileId) => ({
            tileId,
            data: JSON.stringify({ vglc: tile, name: levelTileNames[tile], solid: solidTiles.has(tile) }),
          })),
          savedSelections: [],
          cachedPixelData: null,
        },
      ],
      enums: [],
      externalEnums: [],
      levelFields: Object.values(levelFieldDefs),
    },
    levels: [
      {
        identifier: ldtkIdentifier(baseName),
        iid: levelIid,
        uid: uid.level,
        worldX: 0,
        worldY: 0,
        worldDepth: 0,
        pxWid,
        pxHei,
        bgColor: null,
        __bgColor: sky,
        __smartColor: sky,
        useAutoIdentifier: false,
        bgRelPath: null,
        bgPos: null,
        __bgPos: null,
        bgPivotX: 0.5,
        bgPivotY: 0.5,
        externalRelPath: null,
        fieldInstances: [
          fieldValue(levelFieldDefs.generator, 'Mosaic Studio'),
          fieldValue(levelFieldDefs.model, provenance.model),
          fieldValue(levelFieldDefs.digest, provenance.digest),
          fieldValue(levelFieldDefs.prompt, provenance.prompt),
          fieldValue(levelFieldDefs.seed, String(provenance.seed)),
          fieldValue(levelFieldDefs.playable, level.playable ?? null),
        ],
        layerInstances: [
          layerInstance('Entities', 'Entities', uid.entitiesLayer, layerIids.entities, { entityInstances }),
          layerInstance('Tiles', 'Tiles', uid.tilesLayer, layerIids.tiles, {
            __tilesetDefUid: uid.tileset,
            __tilesetRelPath: tilesetImage,
            gridTiles,
          }),
          layerInstance('Collision', 'IntGrid', uid.collisionLayer, layerIids.collision, { intGridCsv }),
        ],
        __neighbours: [],
      },
    ],
    worlds: [],
  };
}
