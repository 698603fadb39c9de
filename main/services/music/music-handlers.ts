// Binds the music domain's contract methods to MusicService.
import type { MethodHandlers } from '../engine/contract-dispatcher.js';
import type { MusicService } from './music-service.js';

export function musicHandlers(
  music: MusicService,
): Pick<MethodHandlers, 'music.generate' | 'music.continue' | 'music.drums' | 'music.export'> {
  return {
    'music.generate': (request, context) => music.generate(request, context),
    'music.continue': (request, context) => music.continue(request, context),
    'music.drums': (request, context) => music.drums(request, context),
    'music.export': (request) => music.export(request),
  };
}
