// The `mosaic history` verbs.
import type { MethodId } from './methods.js';
import type { CliDescriptor } from './cli-verb-types.js';

export const historyVerbs = {
  'history.list': {
    verb: 'history list',
    flags: {
      kind: { type: 'string', hint: 'level|dungeon|music|song', field: 'kind' },
      kept: { type: 'boolean', field: 'kept' },
      offset: { type: 'string', hint: 'N', field: 'offset', value: 'number' },
      limit: { type: 'string', hint: 'N', field: 'limit', value: 'number' },
    },
  },
  'history.get': { verb: 'history get', arguments: [{ name: '<id>', field: 'id' }] },
  'history.regenerate': { verb: 'history regenerate', arguments: [{ name: '<id>', field: 'id' }] },
  'history.keep': {
    verb: 'history keep',
    arguments: [{ name: '<id>', field: 'id', optional: true }],
    flags: {
      'job-id': { type: 'string', hint: 'ID', field: 'jobId' },
      variation: { type: 'string', hint: 'N', field: 'variation', value: 'number' },
      unkeep: { type: 'boolean', field: 'kept', negates: true },
    },
    notes: ['by entry id or by --job-id (the job a run answered with); --variation stars one variation (from 0)'],
  },
  'history.remove': { verb: 'history remove', arguments: [{ name: '<id>', field: 'id' }] },
  'history.clear': { verb: 'history clear' },
} as const satisfies Partial<Record<MethodId, CliDescriptor>>;
