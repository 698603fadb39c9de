// Binds the dungeons domain's contract methods to DungeonService.
import type { MethodHandlers } from '../engine/contract-dispatcher.js';
import type { DungeonService } from './dungeon-service.js';

export function dungeonHandlers(
  dungeons: DungeonService,
): Pick<MethodHandlers, 'dungeons.generate' | 'dungeons.regenerateRoom' | 'dungeons.export'> {
  return {
    'dungeons.generate': (request, context) => dungeons.generate(request, context),
    'dungeons.regenerateRoom': (request, context) => dungeons.regenerateRoom(request, context),
    'dungeons.export': async (request) => dungeons.export(request),
  };
}
