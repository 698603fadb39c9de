// The `mosaic` verbs of the inference host (ps, load, unload, tokens) and of its jobs.
import type { MethodId } from './methods.js';
import { json, precision } from './cli-verb-flags.js';
import type { CliDescriptor } from './cli-verb-types.js';

export const inferenceVerbs = {
  'inference.sessions': { verb: 'ps', flags: { json } },
  'inference.metrics': { through: 'ps' },
  'inference.load': {
    verb: 'load',
    arguments: [{ name: '<model[@version]>' }],
    flags: { 'keep-alive': { type: 'string', hint: '5m|0|forever' }, ...precision },
  },
  'inference.unload': { verb: 'unload', arguments: [{ name: '<model[@version]>' }] },
  'inference.generate': {
    verb: 'tokens',
    arguments: [{ name: '<model[@version]>' }],
    flags: {
      prompt: { type: 'string', hint: '"1 2 3"', required: true },
      max: { type: 'string', hint: 'N' },
      variations: { type: 'string', hint: 'N' },
      temperature: { type: 'string', hint: 'T' },
      'top-k': { type: 'string', hint: 'K' },
      'top-p': { type: 'string', hint: 'P' },
      seed: { type: 'string', hint: 'S' },
      ...precision,
      json,
    },
  },
  'jobs.list': { verb: 'jobs list' },
  'jobs.cancel': { verb: 'jobs cancel', arguments: [{ name: '<job-id>', field: 'id' }] },
} as const satisfies Partial<Record<MethodId, CliDescriptor>>;
