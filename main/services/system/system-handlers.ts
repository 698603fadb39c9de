// Binds the system domain's contract methods to SystemService and the API's access details.
import type { ApiAccessService } from '../service-access/api-access.js';
import type { MethodHandlers } from '../engine/contract-dispatcher.js';
import type { SystemService } from './system-service.js';

export function systemHandlers(
  system: SystemService,
  apiAccess: ApiAccessService,
): Pick<MethodHandlers, 'system.info' | 'system.doctor' | 'system.apiAccess' | 'inference.probe'> {
  return {
    'system.info': () => system.info(),
    'system.doctor': () => system.doctor(),
    'system.apiAccess': () => apiAccess.describe(),
    'inference.probe': (request) => system.probe(request.input),
  };
}
