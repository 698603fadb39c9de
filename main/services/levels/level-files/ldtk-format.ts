// LDtk 1.5 project JSON as TypeScript, written from LDtk's published JSON schema (ldtk-1.5.3.schema.json, MIT licence,
// https://ldtk.io/files/JSON_SCHEMA.json): every type the level export writes, with each of the schema's `required`
// fields and the optional ones the export fills. Field docs are the schema's, shortened. Types the export never writes
// (enums, auto-layer rules, multi-world data) are typed as the empty arrays or nulls it writes.

/** The version of the LDtk JSON format these types follow. */
export const ldtkJsonVersion = '1.5.3';

/** A colour as LDtk writes it: `#rrggbb`. */
export type LdtkColor = string;

/** `LdtkJsonRoot`: the project file (.ldtk). */
export interface LdtkProject {
  /** File format version. */
  jsonVersion: string;
  /** LDtk application build identifier (only used to tell which LDtk wrote the file). */
  appBuildId: number;
  /** Unique project identifier. */
  iid: string;
  /** Next unique integer ID available. */
  nextUid: number;
  bgColor: LdtkColor;
  defaultLevelBgColor: LdtkColor;
  defaultGridSize: number;
  defaultEntityWidth: number;
  defaultEntityHeight: number;
  defaultPivotX: number;
  defaultPivotY: number;
  /** Moves to `worlds` with multi-worlds; still read from here when `worlds` is empty. */
  worldLayout: 'Free' | 'GridVania' | 'LinearHorizontal' | 'LinearVertical' | null;
  worldGridWidth: number | null;
  worldGridHeight: number | null;
  defaultLevelWidth: number | null;
  defaultLevelHeight: number | null;
  /** The IID of the internal "dummy" world when the project is not in multi-worlds mode. */
  dummyWorldIid: string;
  externalLevels: boolean;
  simplifiedExport: boolean;
  minifyJson: boolean;
  exportTiled: boolean;
  exportLevelBg: boolean;
  imageExportMode: 'None' | 'OneImagePerLayer' | 'OneImagePerLevel' | 'LayersAndLevels';
  pngFilePattern: string | null;
  backupOnSave: boolean;
  backupLimit: number;
  backupRelPath: string | null;
  identifierStyle: 'Capitalize' | 'Uppercase' | 'Lowercase' | 'Free';
  levelNamePattern: string;
  /** Advanced options, e.g. `MultiWorlds`, `ExportOldTableOfContentData`. */
  flags: string[];
  customCommands: { command: string; when: 'Manual' | 'AfterLoad' | 'BeforeSave' | 'AfterSave' }[];
  /** Shown by LDtk's samples as instructions. */
  tutorialDesc: string | null;
  /** Entities with `exportToToc` listed by identifier; empty when none is. */
  toc: LdtkTableOfContentEntry[];
  defs: LdtkDefinitions;
  levels: LdtkLevel[];
  /** Empty unless multi-worlds is enabled. */
  worlds: never[];
}

/** `TableOfContentEntry`. */
export interface LdtkTableOfContentEntry {
  identifier: string;
  instancesData: {
    iids: { entityIid: string; layerIid: string; levelIid: string; worldIid: string };
    worldX: number;
    worldY: number;
    widPx: number;
    heiPx: number;
    /** The entity's fields that have `exportToToc`. */
    fields: Record<string, unknown>;
  }[];
}

/** `Definitions`. */
export interface LdtkDefinitions {
  layers: LdtkLayerDef[];
  entities: LdtkEntityDef[];
  tilesets: LdtkTilesetDef[];
  enums: never[];
  externalEnums: never[];
  /** Custom fields every level has. */
  levelFields: LdtkFieldDef[];
}

/** `TilesetRect`: a rectangle of a tileset image, in pixels. */
export interface LdtkTilesetRect {
  tilesetUid: number;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** `TilesetDef`. */
export interface LdtkTilesetDef {
  uid: number;
  identifier: string;
  /** Path to the image, relative to the project file. */
  relPath: string | null;
  embedAtlas: 'LdtkIcons' | null;
  pxWid: number;
  pxHei: number;
  tileGridSize: number;
  /** Grid-based width and height of the image. */
  __cWid: number;
  __cHei: number;
  spacing: number;
  padding: number;
  tags: string[];
  tagsSourceEnumUid: number | null;
  enumTags: { enumValueId: string; tileIds: number[] }[];
  /** Custom text attached to tiles by id. */
  customData: { tileId: number; data: string }[];
  savedSelections: Record<string, unknown>[];
  cachedPixelData: Record<string, unknown> | null;
}

/** `IntGridValueDef`. */
export interface LdtkIntGridValueDef {
  value: number;
  identifier: string | null;
  color: LdtkColor;
  tile: LdtkTilesetRect | null;
  /** Parent group (0 if none). */
  groupUid: number;
}

export type LdtkLayerType = 'IntGrid' | 'Entities' | 'Tiles' | 'AutoLayer';

/** `LayerDef`. */
export interface LdtkLayerDef {
  __type: LdtkLayerType;
  type: LdtkLayerType;
  identifier: string;
  uid: number;
  doc: string | null;
  uiColor: LdtkColor | null;
  gridSize: number;
  guideGridWid: number;
  guideGridHei: number;
  displayOpacity: number;
  inactiveOpacity: number;
  hideInList: boolean;
  hideFieldsWhenInactive: boolean;
  canSelectWhenInactive: boolean;
  renderInWorldView: boolean;
  pxOffsetX: number;
  pxOffsetY: number;
  parallaxFactorX: number;
  parallaxFactorY: number;
  parallaxScaling: boolean;
  requiredTags: string[];
  excludedTags: string[];
  uiFilterTags: string[];
  useAsyncRender: boolean;
  intGridValues: LdtkIntGridValueDef[];
  intGridValuesGroups: { uid: number; identifier: string | null; color: LdtkColor | null }[];
  autoRuleGroups: never[];
  autoSourceLayerDefUid: number | null;
  autoTilesKilledByOtherLayerUid: number | null;
  biomeFieldUid: number | null;
  /** The tileset a Tiles (or auto) layer draws with. */
  tilesetDefUid: number | null;
  tilePivotX: number;
  tilePivotY: number;
}

/** `FieldDef`: a custom field of an entity or of every level. Only the plain types the export writes. */
export interface LdtkFieldDef {
  identifier: string;
  doc: string | null;
  /** Human-readable type: `Int`, `Float`, `String`, `Bool`, … */
  __type: 'Int' | 'Float' | 'String' | 'Bool';
  /** Internal type: `F_Int`, `F_Float`, `F_String`, `F_Bool`, … */
  type: 'F_Int' | 'F_Float' | 'F_String' | 'F_Bool';
  uid: number;
  isArray: boolean;
  canBeNull: boolean;
  arrayMinLength: number | null;
  arrayMaxLength: number | null;
  min: number | null;
  max: number | null;
  regex: string | null;
  acceptFileTypes: string[] | null;
  defaultOverride: LdtkEditorValue | null;
  textLanguageMode: null;
  editorDisplayMode: 'Hidden' | 'ValueOnly' | 'NameAndValue';
  editorDisplayPos: 'Above' | 'Center' | 'Beneath';
  editorDisplayScale: number;
  editorDisplayColor: LdtkColor | null;
  editorLinkStyle: 'ZigZag' | 'StraightArrow' | 'CurvedArrow' | 'ArrowsLine' | 'DashedLine';
  editorAlwaysShow: boolean;
  editorShowInWorld: boolean;
  editorCutLongValues: boolean;
  editorTextPrefix: string | null;
  editorTextSuffix: string | null;
  useForSmartColor: boolean;
  exportToToc: boolean;
  searchable: boolean;
  symmetricalRef: boolean;
  autoChainRef: boolean;
  allowOutOfLevelRef: boolean;
  allowedRefs: 'Any' | 'OnlySame' | 'OnlyTags' | 'OnlySpecificEntity';
  allowedRefsEntityUid: number | null;
  allowedRefTags: string[];
  tilesetUid: number | null;
}

/** An editor value as LDtk stores it in `realEditorValues` and `defaultOverride`: `{ id: 'V_Int', params: [3] }`. */
export interface LdtkEditorValue {
  id: 'V_Int' | 'V_Float' | 'V_String' | 'V_Bool';
  params: (string | number | boolean)[];
}

/** `FieldInstance`: a field's value on a level or an entity. */
export interface LdtkFieldInstance {
  __identifier: string;
  __type: LdtkFieldDef['__type'];
  __value: string | number | boolean | null;
  __tile: LdtkTilesetRect | null;
  defUid: number;
  realEditorValues: (LdtkEditorValue | null)[];
}

/** `EntityDef`. */
export interface LdtkEntityDef {
  identifier: string;
  uid: number;
  doc: string | null;
  tags: string[];
  exportToToc: boolean;
  allowOutOfBounds: boolean;
  width: number;
  height: number;
  resizableX: boolean;
  resizableY: boolean;
  minWidth: number | null;
  maxWidth: number | null;
  minHeight: number | null;
  maxHeight: number | null;
  keepAspectRatio: boolean;
  color: LdtkColor;
  renderMode: 'Rectangle' | 'Ellipse' | 'Tile' | 'Cross';
  showName: boolean;
  hollow: boolean;
  fillOpacity: number;
  lineOpacity: number;
  tileOpacity: number;
  tilesetId: number | null;
  tileRenderMode: 'Cover' | 'FitInside' | 'Repeat' | 'Stretch' | 'FullSizeCropped' | 'FullSizeUncropped' | 'NineSlice';
  tileRect: LdtkTilesetRect | null;
  uiTileRect: LdtkTilesetRect | null;
  nineSliceBorders: number[];
  /** 0: no limit. */
  maxCount: number;
  limitScope: 'PerLayer' | 'PerLevel' | 'PerWorld';
  limitBehavior: 'DiscardOldOnes' | 'PreventAdding' | 'MoveLastOne';
  pivotX: number;
  pivotY: number;
  fieldDefs: LdtkFieldDef[];
}

/** `Level`. */
export interface LdtkLevel {
  identifier: string;
  iid: string;
  uid: number;
  worldX: number;
  worldY: number;
  worldDepth: number;
  pxWid: number;
  pxHei: number;
  /** Null: the project's `defaultLevelBgColor`. */
  bgColor: LdtkColor | null;
  __bgColor: LdtkColor;
  __smartColor: LdtkColor;
  useAutoIdentifier: boolean;
  bgRelPath: string | null;
  bgPos: 'Unscaled' | 'Contain' | 'Cover' | 'CoverDirty' | 'Repeat' | null;
  __bgPos: null;
  bgPivotX: number;
  bgPivotY: number;
  /** Not null only when levels are saved in separate files. */
  externalRelPath: string | null;
  fieldInstances: LdtkFieldInstance[];
  /** Display order: the first layer is drawn on top. */
  layerInstances: LdtkLayerInstance[] | null;
  __neighbours: { levelIid: string; dir: string }[];
}

/** `Tile`: one tile of a Tiles or auto layer. */
export interface LdtkTile {
  /** Pixel position in the layer. */
  px: [number, number];
  /** Pixel position in the tileset image. */
  src: [number, number];
  /** Flip bits: 1 x, 2 y. */
  f: number;
  /** Tile id in the tileset. */
  t: number;
  /** Editor data: for a Tiles layer, `[coordId]` (cx + cy × cWid). */
  d: number[];
  /** Opacity 0–1. */
  a: number;
}

/** `EntityInstance`. */
export interface LdtkEntityInstance {
  __identifier: string;
  /** Grid coordinates, [x, y]. */
  __grid: [number, number];
  __pivot: [number, number];
  __tags: string[];
  __tile: LdtkTilesetRect | null;
  __smartColor: LdtkColor;
  __worldX: number | null;
  __worldY: number | null;
  iid: string;
  width: number;
  height: number;
  defUid: number;
  /** Pixel coordinates of the pivot in the level. */
  px: [number, number];
  fieldInstances: LdtkFieldInstance[];
}

/** `LayerInstance`. */
export interface LdtkLayerInstance {
  __identifier: string;
  __type: LdtkLayerType;
  __cWid: number;
  __cHei: number;
  __gridSize: number;
  __opacity: number;
  __pxTotalOffsetX: number;
  __pxTotalOffsetY: number;
  __tilesetDefUid: number | null;
  __tilesetRelPath: string | null;
  iid: string;
  levelId: number;
  layerDefUid: number;
  pxOffsetX: number;
  pxOffsetY: number;
  visible: boolean;
  optionalRules: number[];
  /** IntGrid values, row by row from the top left (0: empty). Empty for other layer types. */
  intGridCsv: number[];
  autoLayerTiles: LdtkTile[];
  /** Random seed used for auto-layer rendering. */
  seed: number;
  overrideTilesetUid: number | null;
  gridTiles: LdtkTile[];
  entityInstances: LdtkEntityInstance[];
}
