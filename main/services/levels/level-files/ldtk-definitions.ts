// The definitions every exported platformer LDtk project shares (fixed uids, so an engine can look them up by uid or
// name): the entity, tile and collision layers, the Spawn, Goal and Enemy entities, the level fields that carry
// provenance, and the platformer tileset. The level's own content (ldtk-level-layers.ts) refers to them.
import { levelTileNames } from '../../../../contract/levels.js';
import {
  ldtkEntityDef,
  ldtkFieldDef,
  ldtkLayerDefs,
  ldtkProvenanceFieldDefs,
  ldtkStripTilesetDef,
  type LdtkEntityLook,
} from '../../game-files/ldtk-defs.js';
import type { LdtkProject, LdtkTilesetRect } from './ldtk-format.js';
import { skyColour, solidTiles, tilesetTiles, tileSize } from './tileset-export.js';

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

export const levelFieldDefs = {
  ...ldtkProvenanceFieldDefs(
    {
      generator: uid.levelGenerator,
      model: uid.levelModel,
      digest: uid.levelDigest,
      prompt: uid.levelPrompt,
      seed: uid.levelSeed,
    },
    {
      generator: 'The application that wrote this level.',
      model: 'The model that generated the level, as name@version.',
      prompt: 'The MarioGPT-style prompt, as the model understood it.',
    },
  ),
  playable: ldtkFieldDef(
    uid.levelPlayable,
    'playable',
    'Bool',
    "The playability agent's verdict: it walked from the spawn to the goal (null when not checked).",
    true,
  ),
};
export const enemyGrounded = ldtkFieldDef(
  uid.enemyGrounded,
  'grounded',
  'Bool',
  'True when a solid tile lies right under the enemy (it starts on the ground, not in the air).',
);
export const goalReachable = ldtkFieldDef(
  uid.goalReachable,
  'reachable',
  'Bool',
  'True when the playability agent reached this goal from the spawn.',
);

/** The tileset image's rectangle for a VGLC tile. */
function tileRect(tile: string): LdtkTilesetRect {
  return { tilesetUid: uid.tileset, x: tilesetTiles.indexOf(tile) * tileSize, y: 0, w: tileSize, h: tileSize };
}

// Entities stand on the floor of their cell: the pivot is the middle of their bottom edge.
const standing: Pick<LdtkEntityLook, 'size' | 'pivotY' | 'fillOpacity' | 'tileRect' | 'fieldDefs'> = {
  size: tileSize,
  pivotY: 1,
  fillOpacity: 0.4,
  tileRect: null,
  fieldDefs: [],
};

export const entityDefs = {
  spawn: ldtkEntityDef(uid.spawn, 'Spawn', {
    ...standing,
    color: '#E52521',
    doc: 'Where the player starts: standing on the ground in one of the first three columns.',
    maxCount: 1,
  }),
  goal: ldtkEntityDef(uid.goal, 'Goal', {
    ...standing,
    color: '#00A800',
    doc: 'Where the level ends: standing in the last column.',
    maxCount: 1,
    fieldDefs: [goalReachable],
  }),
  enemy: ldtkEntityDef(uid.enemy, 'Enemy', {
    ...standing,
    color: '#C84C0C',
    doc: 'An enemy (VGLC tile E) where the level places it.',
    maxCount: 0,
    tileRect: tileRect('E'),
    fieldDefs: [enemyGrounded],
  }),
};

/** The project's `defs`: its three layers, three entities, one tileset (`tilesetImage`, beside the .ldtk) and level fields. */
export function projectDefinitions(tilesetImage: string): LdtkProject['defs'] {
  return {
    layers: ldtkLayerDefs(uid, tileSize, {
      entities: 'Spawn, goal and enemies.',
      tiles: 'The level drawn with the platformer tileset (enemies excepted).',
      collision: 'Solid cells: ground, blocks, pipes and cannons.',
    }),
    entities: [entityDefs.spawn, entityDefs.goal, entityDefs.enemy],
    tilesets: [
      ldtkStripTilesetDef({
        uid: uid.tileset,
        identifier: 'Platformer_tiles',
        relPath: tilesetImage,
        tileSize,
        tiles: tilesetTiles,
        // Each tile's VGLC character, name and solidity (LDtk shows it per tile).
        dataOf: (tile) => ({ vglc: tile, name: levelTileNames[tile], solid: solidTiles.has(tile) }),
      }),
    ],
    enums: [],
    externalEnums: [],
    levelFields: Object.values(levelFieldDefs),
  };
}
