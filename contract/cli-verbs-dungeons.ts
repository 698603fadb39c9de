// The `mosaic dungeon` verbs: generate, redraw a room.
import type { MethodId } from './methods.js';
import { json } from './cli-verb-flags.js';
import type { CliDescriptor } from './cli-verb-types.js';

export const dungeonVerbs = {
  'dungeons.generate': {
    verb: 'dungeon generate',
    flags: {
      rooms: { type: 'string', hint: '12' },
      keys: { type: 'string', hint: '0-3' },
      enemies: { type: 'string', hint: '0.15' },
      blocks: { type: 'string', hint: '0.35' },
      elements: { type: 'string', hint: '0.3' },
      seed: { type: 'string', hint: 'N' },
      variations: { type: 'string', hint: 'N' },
      temperature: { type: 'string', hint: 'T' },
      model: { type: 'string', hint: 'name[@version]' },
      out: { type: 'string', hint: 'dungeon.tmj|dungeon.ldtk|dungeon.png|dungeon.txt' },
      format: { type: 'string', hint: 'tmj|ldtk|png|vglc' },
      json,
    },
    notes: [
      '--enemies, --blocks, --elements: from 0 (no room has any) to 1 (every room the most); defaults: the shares in the corpus; --keys: key → lock pairs',
    ],
  },
  'dungeons.regenerateRoom': {
    excluded: 'takes a whole dungeon as JSON (what dungeons.generate answers): mosaic call dungeons.regenerateRoom',
  },
  'dungeons.export': { through: 'dungeon generate' },
} as const satisfies Partial<Record<MethodId, CliDescriptor>>;
