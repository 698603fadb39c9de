// The content of an exported LDtk level: the Collision IntGrid (solid or not per cell), the Tiles layer drawn from the
// tileset (enemies left out: engines want them as entities), and the Entities layer with the spawn, the goal (reachable
// or not) and each enemy (grounded or not), all pointing at the shared definitions of ldtk-definitions.ts.
import type { LevelCell, LevelProvenance } from '../../../../contract/levels.js';
import { ldtkFieldValue, ldtkSolidValue } from '../../game-files/ldtk-defs.js';
import { ldtkEntityInstance, ldtkLayerInstances, ldtkStripTile, type LdtkIids } from '../../game-files/ldtk-project.js';
import { entityDefs, enemyGrounded, goalReachable, uid } from './ldtk-definitions.js';
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
  iid: LdtkIids,
  tilesetImage: string,
): LdtkLayerInstance[] {
  const width = level.rows[0]?.length ?? 0;
  const height = level.rows.length;

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
      gridTiles.push(ldtkStripTile(x, y, id, width, tileSize));
    }
  });

  const solidBelow = ([x, y]: LevelCell) => solidTiles.has(level.rows[y + 1]?.[x] ?? '');
  // Standing on the floor of the cell: the pivot is the middle of the cell's bottom edge.
  const entity = (def: LdtkEntityDef, cell: LevelCell, index: number, fieldInstances: LdtkFieldInstance[] = []) =>
    ldtkEntityInstance(def, {
      cell,
      px: [cell[0] * tileSize + tileSize / 2, (cell[1] + 1) * tileSize],
      levelWorld: [0, 0],
      iid: iid(`entity:${def.identifier}:${index}`),
      fieldInstances,
    });
  const entityInstances: LdtkEntityInstance[] = [
    ...(level.spawn ? [entity(entityDefs.spawn, level.spawn, 0)] : []),
    ...(level.goal
      ? [entity(entityDefs.goal, level.goal, 0, [ldtkFieldValue(goalReachable, level.playable === true)])]
      : []),
    ...enemies.map((cell, index) =>
      entity(entityDefs.enemy, cell, index, [ldtkFieldValue(enemyGrounded, solidBelow(cell))]),
    ),
  ];

  return ldtkLayerInstances(
    {
      uids: uid,
      levelUid: uid.level,
      width,
      height,
      gridSize: tileSize,
      seed: provenance.seed,
      layerIid: (identifier) => iid(`layer:${identifier}`),
      tilesetRelPath: tilesetImage,
    },
    { entityInstances, gridTiles, intGridCsv },
  );
}
