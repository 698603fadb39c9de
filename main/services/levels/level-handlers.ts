// Binds the levels domain's contract methods to LevelService.
import type { MethodHandlers } from '../engine/contract-dispatcher.js';
import type { LevelService } from './level-service.js';

export function levelHandlers(
  levels: LevelService,
): Pick<MethodHandlers, 'levels.tileset' | 'levels.generate' | 'levels.regenerate' | 'levels.export'> {
  return {
    'levels.tileset': async () => levels.tileset(),
    'levels.generate': (request, context) => levels.generate(request, context),
    'levels.regenerate': (request, context) => levels.regenerate(request, context),
    'levels.export': async (request) => levels.export(request),
  };
}
