// LDtk 1.5 project (.ldtk) of a level: the shared definitions (ldtk-definitions.ts: layers, entities, tileset, level
// fields), one level holding the level's layers (ldtk-level-layers.ts: collision IntGrid, tiles, spawn/goal/enemies),
// and the level's provenance as level fields. Instance ids derive from the provenance, so an export is reproducible.
import { createHash } from 'node:crypto';
import type { LevelProvenance } from '../../../../contract/levels.js';
import { fieldValue, levelFieldDefs, nextUid, projectDefinitions, sky, uid } from './ldtk-definitions.js';
import { ldtkJsonVersion, type LdtkProject } from './ldtk-format.js';
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
  const iidSource = `${provenance.model}|${provenance.digest}|${provenance.prompt}|${provenance.seed}|${baseName}`;
  const iid = (purpose: string): string => {
    const h = createHash('sha256').update(`${iidSource}|${purpose}`).digest('hex');
    // Shaped as a version-4 UUID, as LDtk's own iids are UUIDs.
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  };
  const levelIid = iid('level');

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
    defs: projectDefinitions(tilesetImage),
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
        layerInstances: levelLayerInstances(level, provenance, iid, tilesetImage),
        __neighbours: [],
      },
    ],
    worlds: [],
  };
}
