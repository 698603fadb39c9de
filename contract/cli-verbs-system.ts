// The `mosaic` verbs of the system area: info, doctor, the API's address and the service's settings, probe.
import type { MethodId } from './methods.js';
import { json } from './cli-verb-flags.js';
import type { CliDescriptor } from './cli-verb-types.js';

export const systemVerbs = {
  'system.info': { verb: 'info' },
  'system.doctor': { verb: 'doctor', flags: { json } },
  'system.apiAccess': { verb: 'api-access' },
  'system.settings': { verb: 'settings' },
  'system.updateSettings': {
    excluded:
      'Settings → Inference in the Studio; scripts: mosaic call system.updateSettings \'{"inference":{"kind":"local"}}\'',
  },
  'inference.probe': {
    verb: 'probe',
    flags: { input: { type: 'string', hint: "'[[1,2,3,4]]'", field: 'input', value: 'json' } },
  },
} as const satisfies Partial<Record<MethodId, CliDescriptor>>;
