// The `mosaic taste` verbs: feedback, rank, explain, status, reset, turn on or off.
import type { MethodId } from './methods.js';
import type { CliDescriptor } from './cli-verb-types.js';

export const tasteVerbs = {
  'taste.feedback': {
    verb: 'taste feedback',
    arguments: [{ name: '<history-id>', field: 'historyId', optional: true }],
    flags: {
      'job-id': { type: 'string', hint: 'ID', field: 'jobId' },
      variation: { type: 'string', hint: 'N', field: 'variation', value: 'number', required: true },
      signal: { type: 'string', hint: 'keep|export|play|discard', field: 'signal', required: true },
    },
    notes: ['by history entry id or by --job-id; --variation counts from 0 in generated order'],
  },
  'taste.rank': {
    verb: 'taste rank',
    arguments: [{ name: '<history-id>', field: 'historyId', optional: true }],
    flags: { 'job-id': { type: 'string', hint: 'ID', field: 'jobId' } },
  },
  'taste.explain': {
    verb: 'taste explain',
    flags: { kind: { type: 'string', hint: 'melody|drums|song|level', field: 'kind' } },
  },
  'taste.status': { verb: 'taste status' },
  'taste.reset': {
    verb: 'taste reset',
    flags: { kind: { type: 'string', hint: 'melody|drums|song|level', field: 'kind' } },
  },
  'taste.configure': { verb: 'taste turn', arguments: [{ name: '<on|off>', field: 'enabled' }] },
} as const satisfies Partial<Record<MethodId, CliDescriptor>>;
