// LDtk 1.5 definitions (a project's `defs`) as both games write them: scalar field definitions and their values,
// entity definitions, the three layers every export has (Entities, Tiles, a Collision IntGrid), a one-row tileset
// strip, and the provenance level fields. Each game picks the uids, docs, colours and pivots (its ldtk files).
import type { LevelProvenance } from '../../../contract/levels.js';
import type {
  LdtkEditorValue,
  LdtkEntityDef,
  LdtkFieldDef,
  LdtkFieldInstance,
  LdtkLayerDef,
  LdtkTilesetDef,
  LdtkTilesetRect,
} from '../levels/level-files/ldtk-format.js';

/** The Collision IntGrid value of a cell the player cannot pass (0 is free, as in every LDtk IntGrid). */
export const ldtkSolidValue = 1;

type ScalarType = LdtkFieldDef['__type'];
const editorIds: Record<ScalarType, LdtkEditorValue['id']> = {
  Int: 'V_Int',
  Float: 'V_Float',
  String: 'V_String',
  Bool: 'V_Bool',
};

/** A single (not array) field shown nowhere in the editor but kept in the file; `canBeNull` allows null values. */
export function ldtkFieldDef(
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

/** A field's value as LDtk stores it: the value and the editor's copy of it (null for a null value). */
export function ldtkFieldValue(def: LdtkFieldDef, value: string | number | boolean | null): LdtkFieldInstance {
  return {
    __identifier: def.identifier,
    __type: def.__type,
    __value: value,
    __tile: null,
    defUid: def.uid,
    realEditorValues: [value === null ? null : { id: editorIds[def.__type], params: [value] }],
  };
}

export interface LdtkProvenanceFields<Def> {
  generator: Def;
  model: Def;
  digest: Def;
  prompt: Def;
  seed: Def;
}

/** The level fields that carry provenance; `docs` say what the model and the prompt were for this game. */
export function ldtkProvenanceFieldDefs(
  uids: LdtkProvenanceFields<number>,
  docs: { generator: string; model: string; prompt: string },
): LdtkProvenanceFields<LdtkFieldDef> {
  return {
    generator: ldtkFieldDef(uids.generator, 'generator', 'String', docs.generator),
    model: ldtkFieldDef(uids.model, 'model', 'String', docs.model),
    digest: ldtkFieldDef(uids.digest, 'digest', 'String', "sha256 of the model's graph."),
    prompt: ldtkFieldDef(uids.prompt, 'prompt', 'String', docs.prompt),
    // LDtk's Int is a signed 32-bit integer and seeds are unsigned 32-bit: the seed is kept as its decimal text.
    seed: ldtkFieldDef(uids.seed, 'seed', 'String', 'The unsigned 32-bit seed, in decimal.'),
  };
}

/** The provenance fields' values, in definition order. */
export function ldtkProvenanceFieldValues(
  defs: LdtkProvenanceFields<LdtkFieldDef>,
  provenance: LevelProvenance,
): LdtkFieldInstance[] {
  return [
    ldtkFieldValue(defs.generator, 'Mosaic Studio'),
    ldtkFieldValue(defs.model, provenance.model),
    ldtkFieldValue(defs.digest, provenance.digest),
    ldtkFieldValue(defs.prompt, provenance.prompt),
    ldtkFieldValue(defs.seed, String(provenance.seed)),
  ];
}

export interface LdtkEntityLook {
  color: string;
  doc: string;
  /** Width and height in pixels (one tile). */
  size: number;
  /** 1 stands the entity on the floor of its cell (platformer), 0.5 centres it (top-down). */
  pivotY: number;
  fillOpacity: number;
  /** How many per level; 0 is any number. */
  maxCount: number;
  /** Drawn as this tileset tile; a rectangle of `color` when null. */
  tileRect: LdtkTilesetRect | null;
  fieldDefs: LdtkFieldDef[];
}

/** A fixed-size entity, centred across its cell, limited per level (the last placed one moves). */
export function ldtkEntityDef(entityUid: number, identifier: string, look: LdtkEntityLook): LdtkEntityDef {
  return {
    identifier,
    uid: entityUid,
    doc: look.doc,
    tags: [],
    exportToToc: false,
    allowOutOfBounds: false,
    width: look.size,
    height: look.size,
    resizableX: false,
    resizableY: false,
    minWidth: null,
    maxWidth: null,
    minHeight: null,
    maxHeight: null,
    keepAspectRatio: false,
    color: look.color,
    renderMode: look.tileRect ? 'Tile' : 'Rectangle',
    showName: true,
    hollow: false,
    fillOpacity: look.fillOpacity,
    lineOpacity: 1,
    tileOpacity: 1,
    tilesetId: look.tileRect ? look.tileRect.tilesetUid : null,
    tileRenderMode: 'FitInside',
    tileRect: look.tileRect,
    uiTileRect: null,
    nineSliceBorders: [],
    maxCount: look.maxCount,
    limitScope: 'PerLevel',
    limitBehavior: 'MoveLastOne',
    pivotX: 0.5,
    pivotY: look.pivotY,
    fieldDefs: look.fieldDefs,
  };
}

function ldtkLayerDef(
  layerUid: number,
  identifier: string,
  type: LdtkLayerDef['type'],
  doc: string,
  gridSize: number,
  extra: Partial<LdtkLayerDef> = {},
): LdtkLayerDef {
  return {
    __type: type,
    type,
    identifier,
    uid: layerUid,
    doc,
    uiColor: null,
    gridSize,
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

/** The definition uids of the three layers every export has, and of the tileset the Tiles layer draws with. */
export interface LdtkLayerUids {
  entitiesLayer: number;
  tilesLayer: number;
  collisionLayer: number;
  tileset: number;
}

/** The Entities, Tiles and Collision (IntGrid: `ldtkSolidValue` is solid) layer definitions, in that order. */
export function ldtkLayerDefs(
  uids: LdtkLayerUids,
  gridSize: number,
  docs: { entities: string; tiles: string; collision: string },
): LdtkLayerDef[] {
  return [
    ldtkLayerDef(uids.entitiesLayer, 'Entities', 'Entities', docs.entities, gridSize),
    ldtkLayerDef(uids.tilesLayer, 'Tiles', 'Tiles', docs.tiles, gridSize, { tilesetDefUid: uids.tileset }),
    ldtkLayerDef(uids.collisionLayer, 'Collision', 'IntGrid', docs.collision, gridSize, {
      displayOpacity: 0.5,
      intGridValues: [{ value: ldtkSolidValue, identifier: 'solid', color: '#2A2A2A', tile: null, groupUid: 0 }],
    }),
  ];
}

export interface LdtkStripTileset {
  uid: number;
  identifier: string;
  /** The PNG strip's file name, next to the .ldtk. */
  relPath: string;
  /** Pixels per tile side. */
  tileSize: number;
  /** The tiles left to right: tile id i is tiles[i]. */
  tiles: readonly string[];
  /** What an importer should know of each tile, written as JSON custom data (LDtk shows it per tile). */
  dataOf: (tile: string) => Record<string, unknown>;
}

/** The tileset definition of a one-row PNG strip. */
export function ldtkStripTilesetDef(strip: LdtkStripTileset): LdtkTilesetDef {
  return {
    uid: strip.uid,
    identifier: strip.identifier,
    relPath: strip.relPath,
    embedAtlas: null,
    pxWid: strip.tileSize * strip.tiles.length,
    pxHei: strip.tileSize,
    tileGridSize: strip.tileSize,
    __cWid: strip.tiles.length,
    __cHei: 1,
    spacing: 0,
    padding: 0,
    tags: [],
    tagsSourceEnumUid: null,
    enumTags: [],
    customData: strip.tiles.map((tile, tileId) => ({ tileId, data: JSON.stringify(strip.dataOf(tile)) })),
    savedSelections: [],
    cachedPixelData: null,
  };
}
