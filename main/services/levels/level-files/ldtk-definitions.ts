// The definitions every exported LDtk project shares (fixed uids, so an engine can look them up by uid or name): the
// entity, collision and tile layers, the Spawn, Goal and Enemy entities, the level fields that carry provenance, and the
// platformer tileset. The level's own content (ldtk-level-layers.ts) refers to them.
import { levelTileNames } from '../../../../contract/levels.js';
import type {
  LdtkEditorValue,
  LdtkEntityDef,
  LdtkFieldDef,
  LdtkFieldInstance,
  LdtkLayerDef,
  LdtkProject,
  LdtkTilesetRect,
} from './ldtk-format.js';
import { skyColour, solidTiles, tilesetTiles, tileSize } from './tileset-export.js';

/** The IntGrid value of a solid cell in the collision layer (0 is empty, as in every LDtk IntGrid). */
export const ldtkSolidValue = 1;

/** Definition uids: fixed, so every exported project shares them and an engine can look layers up by either. */
export const uid = {
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
export const nextUid = 17;

const hex = (colour: number) => `#${colour.toString(16).padStart(6, '0').toUpperCase()}`;
export const sky = hex(skyColour);

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

export function fieldValue(def: LdtkFieldDef, value: string | number | boolean | null): LdtkFieldInstance {
  return {
    __identifier: def.identifier,
    __type: def.__type,
    __value: value,
    __tile: null,
    defUid: def.uid,
    realEditorValues: [value === null ? null : { id: editorIds[def.__type], params: [value] }],
  };
}

export const levelFieldDefs = {
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
export const enemyGrounded = fieldDef(
  uid.enemyGrounded,
  'grounded',
  'Bool',
  'True when a solid tile lies right under the enemy (it starts on the ground, not in the air).',
);
export const goalReachable = fieldDef(
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

export const entityDefs = {
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

/** The project's `defs`: its three layers, three entities, one tileset (`tilesetImage`, beside the .ldtk) and level fields. */
export function projectDefinitions(tilesetImage: string): LdtkProject['defs'] {
  return {
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
  };
}
