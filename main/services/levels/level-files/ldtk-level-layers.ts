// The content of an exported LDtk level: the Collision IntGrid (solid or not per cell), the Tiles layer drawn from the
// tileset (enemies left out: engines want them as entities), and the Entities layer with the spawn, the goal (reachable
// or not) and each enemy (grounded or not), all pointing at the shared definitions of ldtk-definitions.ts.
import type { LevelCell, LevelProvenance } from '../../../../contract/levels.js';
import { entityDefs, enemyGrounded, fieldValue, goalReachable, ldtkSolidValue, uid } from './ldtk-definitions.js';
import type {
  LdtkEntityDef,
  LdtkEntityInstance,
  LdtkFieldInstance,
  LdtkLayerInstance,
  LdtkTile,
} from './ldtk-format.js';
import type { ExportableLevel } from './level-render.js';
import { solidTiles, tilesetTiles, tileSize } from './tileset-export.js';

/** The level's three layer instances; `iid(purpose)` derives each instance id, `tilesetImage` names the tileset PNG. */
export function levelLayerInstances(
  level: ExportableLevel,
  provenance: LevelProvenance,
  iid: (purpose: string) => string,
  tilesetImage: string,
): LdtkLayerInstance[] {
  const width = level.rows[0]?.length ?? 0;
  const height = level.rows.length;
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

  return [
    layerInstance('Entities', 'Entities', uid.entitiesLayer, layerIids.entities, { entityInstances }),
    layerInstance('Tiles', 'Tiles', uid.tilesLayer, layerIids.tiles, {
      __tilesetDefUid: uid.tileset,
      __tilesetRelPath: tilesetImage,
      gridTiles,
    }),
    layerInstance('Collision', 'IntGrid', uid.collisionLayer, layerIids.collision, { intGridCsv }),
  ];
}
