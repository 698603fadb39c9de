// An LDtk 1.5 project as both games write it: instance ids derived from the provenance (so an export is reproducible),
// the project envelope, a level with its provenance fields, the three layer instances (Entities, Tiles, Collision),
// entity instances and strip tiles. The definitions they point at are built by ldtk-defs.ts.
import { createHash } from 'node:crypto';
import type { LevelProvenance } from '../../../contract/levels.js';
import {
  ldtkJsonVersion,
  type LdtkColor,
  type LdtkEntityDef,
  type LdtkEntityInstance,
  type LdtkFieldInstance,
  type LdtkLayerInstance,
  type LdtkLevel,
  type LdtkProject,
  type LdtkTile,
} from '../levels/level-files/ldtk-format.js';
import type { LdtkLayerUids } from './ldtk-defs.js';

/** Derives an instance id per purpose from the provenance and the export's name: the same export, the same ids. */
export type LdtkIids = (purpose: string) => string;

export function ldtkIids(provenance: LevelProvenance, baseName: string): LdtkIids {
  const source = `${provenance.model}|${provenance.digest}|${provenance.prompt}|${provenance.seed}|${baseName}`;
  return (purpose) => {
    const h = createHash('sha256').update(`${source}|${purpose}`).digest('hex');
    // Shaped as a version-4 UUID, as LDtk's own iids are UUIDs.
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  };
}

export interface LdtkProjectContent {
  iids: LdtkIids;
  nextUid: number;
  bgColor: LdtkColor;
  defaultLevelBgColor: LdtkColor;
  /** Pixels per grid cell; also the default entity size. */
  gridSize: number;
  defaultPivotY: number;
  worldLayout: LdtkProject['worldLayout'];
  /** A level's size in pixels (with GridVania, also the world grid's cell). */
  levelPxWid: number;
  levelPxHei: number;
  levelNamePattern: string;
  defs: LdtkProject['defs'];
  levels: LdtkLevel[];
}

/** The project file: one world (not multi-worlds), levels kept inside it, nothing exported beside it. */
export function ldtkProject(content: LdtkProjectContent): LdtkProject {
  return {
    jsonVersion: ldtkJsonVersion,
    // Not written by the LDtk application: 0 says so (LDtk reads the format from jsonVersion).
    appBuildId: 0,
    iid: content.iids('project'),
    nextUid: content.nextUid,
    bgColor: content.bgColor,
    defaultLevelBgColor: content.defaultLevelBgColor,
    defaultGridSize: content.gridSize,
    defaultEntityWidth: content.gridSize,
    defaultEntityHeight: content.gridSize,
    defaultPivotX: 0.5,
    defaultPivotY: content.defaultPivotY,
    worldLayout: content.worldLayout,
    worldGridWidth: content.levelPxWid,
    worldGridHeight: content.levelPxHei,
    defaultLevelWidth: content.levelPxWid,
    defaultLevelHeight: content.levelPxHei,
    dummyWorldIid: content.iids('world'),
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
    levelNamePattern: content.levelNamePattern,
    flags: [],
    customCommands: [],
    tutorialDesc: null,
    toc: [],
    defs: content.defs,
    levels: content.levels,
    worlds: [],
  };
}

export type LdtkLevelContent = Pick<
  LdtkLevel,
  | 'identifier'
  | 'iid'
  | 'uid'
  | 'worldX'
  | 'worldY'
  | 'pxWid'
  | 'pxHei'
  | 'fieldInstances'
  | 'layerInstances'
  | '__neighbours'
> & {
  /** The background shown (the project's default level colour: the level sets none of its own). */
  bgColor: LdtkColor;
};

/** A level in the world, with no background image and no separate file. */
export function ldtkLevel(content: LdtkLevelContent): LdtkLevel {
  return {
    identifier: content.identifier,
    iid: content.iid,
    uid: content.uid,
    worldX: content.worldX,
    worldY: content.worldY,
    worldDepth: 0,
    pxWid: content.pxWid,
    pxHei: content.pxHei,
    bgColor: null,
    __bgColor: content.bgColor,
    __smartColor: content.bgColor,
    useAutoIdentifier: false,
    bgRelPath: null,
    bgPos: null,
    __bgPos: null,
    bgPivotX: 0.5,
    bgPivotY: 0.5,
    externalRelPath: null,
    fieldInstances: content.fieldInstances,
    layerInstances: content.layerInstances,
    __neighbours: content.__neighbours,
  };
}

/** One tile of a one-row strip tileset (`tileId` from the left) at cell (x, y) of a layer `width` cells wide. */
export function ldtkStripTile(x: number, y: number, tileId: number, width: number, tileSize: number): LdtkTile {
  return { px: [x * tileSize, y * tileSize], src: [tileId * tileSize, 0], f: 0, t: tileId, d: [x + y * width], a: 1 };
}

export interface LdtkEntityPlacement {
  /** Grid cell, [x, y]. */
  cell: [number, number];
  /** The pivot's pixel position in the level. */
  px: [number, number];
  /** The level's position in the world, in pixels. */
  levelWorld: [number, number];
  iid: string;
  fieldInstances?: LdtkFieldInstance[];
}

export function ldtkEntityInstance(def: LdtkEntityDef, placement: LdtkEntityPlacement): LdtkEntityInstance {
  return {
    __identifier: def.identifier,
    __grid: [placement.cell[0], placement.cell[1]],
    __pivot: [def.pivotX, def.pivotY],
    __tags: [],
    __tile: def.tileRect,
    __smartColor: def.color,
    __worldX: placement.levelWorld[0] + placement.px[0],
    __worldY: placement.levelWorld[1] + placement.px[1],
    iid: placement.iid,
    width: def.width,
    height: def.height,
    defUid: def.uid,
    px: placement.px,
    fieldInstances: placement.fieldInstances ?? [],
  };
}

export interface LdtkLayersPlacement {
  uids: LdtkLayerUids;
  levelUid: number;
  /** In cells. */
  width: number;
  height: number;
  gridSize: number;
  /** The export's seed; LDtk's layer seed (for auto-layer rendering) is kept under 10 000 000. */
  seed: number;
  /** Each layer instance's iid, by layer identifier. */
  layerIid: (identifier: string) => string;
  /** The tileset PNG the Tiles layer draws with. */
  tilesetRelPath: string;
}

/** The instances of the three layers ldtkLayerDefs defines (Entities, Tiles, Collision), with their content. */
export function ldtkLayerInstances(
  placement: LdtkLayersPlacement,
  content: { entityInstances: LdtkEntityInstance[]; gridTiles: LdtkTile[]; intGridCsv: number[] },
): LdtkLayerInstance[] {
  const layer = (
    identifier: string,
    type: LdtkLayerInstance['__type'],
    layerDefUid: number,
    fill: Partial<LdtkLayerInstance>,
  ): LdtkLayerInstance => ({
    __identifier: identifier,
    __type: type,
    __cWid: placement.width,
    __cHei: placement.height,
    __gridSize: placement.gridSize,
    __opacity: 1,
    __pxTotalOffsetX: 0,
    __pxTotalOffsetY: 0,
    __tilesetDefUid: null,
    __tilesetRelPath: null,
    iid: placement.layerIid(identifier),
    levelId: placement.levelUid,
    layerDefUid,
    pxOffsetX: 0,
    pxOffsetY: 0,
    visible: true,
    optionalRules: [],
    intGridCsv: [],
    autoLayerTiles: [],
    seed: placement.seed % 10_000_000,
    overrideTilesetUid: null,
    gridTiles: [],
    entityInstances: [],
    ...fill,
  });
  const { uids } = placement;
  return [
    layer('Entities', 'Entities', uids.entitiesLayer, { entityInstances: content.entityInstances }),
    layer('Tiles', 'Tiles', uids.tilesLayer, {
      __tilesetDefUid: uids.tileset,
      __tilesetRelPath: placement.tilesetRelPath,
      gridTiles: content.gridTiles,
    }),
    layer('Collision', 'IntGrid', uids.collisionLayer, { intGridCsv: content.intGridCsv }),
  ];
}
