// The `mosaic level` verbs: generate, regenerate a region, the tileset.
import type { MethodId } from './methods.js';
import { json, orderFlag } from './cli-verb-flags.js';
import type { CliDescriptor, CliFlag } from './cli-verb-types.js';

const levelFlags = {
  prompt: { type: 'string', hint: '"many pipes, some enemies, little blocks, low elevation"' },
  seed: { type: 'string', hint: 'N' },
  variations: { type: 'string', hint: 'N' },
  temperature: { type: 'string', hint: 'T' },
  model: { type: 'string', hint: 'name[@version]' },
  out: { type: 'string', hint: 'level.tmj|level.ldtk|level.png|level.txt' },
  format: { type: 'string', hint: 'tmj|ldtk|png|txt' },
  json,
} as const satisfies Record<string, CliFlag>;

export const levelVerbs = {
  'levels.generate': {
    verb: 'level generate',
    flags: { ...levelFlags, width: { type: 'string', hint: '100' }, ...orderFlag },
    notes: ['--order taste: best first by what you kept and discarded (mosaic taste); each keeps its seed stream'],
  },
  'levels.regenerate': {
    verb: 'level regenerate',
    arguments: [{ name: '<level.txt|level.tmj>' }],
    flags: { ...levelFlags, from: { type: 'string', hint: 'A', required: true }, to: { type: 'string', hint: 'B' } },
    notes: ['a .tmj: a map this app exported, also once edited and saved in Tiled; its prompt by default'],
  },
  'levels.export': { through: 'level generate' },
  'levels.tileset': { verb: 'level tileset' },
} as const satisfies Partial<Record<MethodId, CliDescriptor>>;
