// Binds the system domain's contract methods to SystemService.
import type { MethodHandlers } from './contract-dispatcher.js';
import type { SystemService } from './system-service.js';

export function systemHandlers(
  system: SystemService,
): Pick<MethodHandlers, 'system.info' | 'system.doctor' | 'inference.probe'> {
  return {
    'system.info': () => system.info(),
    'system.doctor': () => system.doctor(),
    'inference.probe': (request) => system.probe(request.input),
  };
}
