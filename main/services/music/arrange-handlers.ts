// Binds the arranged-music contract methods to ArrangeService.
import type { ArrangeService } from './arrange-service.js';
import type { MethodHandlers } from '../engine/contract-dispatcher.js';

export function arrangeHandlers(
  arrange: ArrangeService,
): Pick<MethodHandlers, 'music.arrange' | 'music.infill' | 'music.harmonize' | 'music.humanize' | 'music.exportSong'> {
  return {
    'music.arrange': (request, context) => arrange.arrange(request, context),
    'music.infill': (request, context) => arrange.infill(request, context),
    'music.harmonize': (request, context) => arrange.harmonize(request, context),
    'music.humanize': (request, context) => arrange.humanize(request, context),
    'music.exportSong': (request) => arrange.exportSong(request),
  };
}
