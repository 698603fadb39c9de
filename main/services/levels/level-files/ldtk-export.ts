// LDtk 1.5 project (.ldtk) of a level: the shared definitions (ldtk-definitions.ts: layers, entities, tileset, level
// fields), one level holding the level's layers (ldtk-level-layers.ts: collision IntGrid, tiles, spawn/goal/enemies),
// and the level's provenance as level fields. Instance ids derive from the provenance, so an export is reproducible.
import type { LevelProvenance } from '../../../../contract/levels.js';
import { ldtkFieldValue, ldtkProvenanceFieldValues } from '../../game-files/ldtk-defs.js';
import { ldtkIids, ldtkLevel, ldtkProject } from '../../game-files/ldtk-project.js';
import { levelFieldDefs, nextUid, projectDefinitions, sky, uid } from './ldtk-definitions.js';
import type { LdtkProject } from './ldtk-format.js';
import { levelLayerInstances } from './ldtk-level-layers.js';
import type { ExportableLevel } from './level-render.js';
import { tileSize } from './tileset-export.js';

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
  const iids = ldtkIids(provenance, baseName);
  const pxWid = width * tileSize;
  const pxHei = height * tileSize;
  return ldtkProject({
    iids,
    nextUid,
    bgColor: '#40465B',
    defaultLevelBgColor: sky,
    gridSize: tileSize,
    defaultPivotY: 1,
    worldLayout: 'Free',
    levelPxWid: pxWid,
    levelPxHei: pxHei,
    levelNamePattern: 'Level_%idx',
    defs: projectDefinitions(tilesetImage),
    levels: [
      ldtkLevel({
        identifier: ldtkIdentifier(baseName),
        iid: iids('level'),
        uid: uid.level,
        worldX: 0,
        worldY: 0,
        pxWid,
        pxHei,
        bgColor: sky,
        fieldInstances: [
          ...ldtkProvenanceFieldValues(levelFieldDefs, provenance),
          ldtkFieldValue(levelFieldDefs.playable, level.playable ?? null),
        ],
        layerInstances: levelLayerInstances(level, provenance, iids, tilesetImage),
        __neighbours: [],
      }),
    ],
  });
}
