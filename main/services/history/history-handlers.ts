// Binds the history domain's contract methods to HistoryService.
import type { MethodHandlers } from '../engine/contract-dispatcher.js';
import type { HistoryService } from './history-service.js';

export function historyHandlers(
  history: HistoryService,
): Pick<
  MethodHandlers,
  'history.list' | 'history.get' | 'history.regenerate' | 'history.keep' | 'history.remove' | 'history.clear'
> {
  return {
    'history.list': (request) => history.list(request),
    'history.get': (request) => history.get(request.id),
    'history.regenerate': (request, context) => history.regenerate(request.id, context),
    'history.keep': (request) => history.keep(request),
    'history.remove': async (request) => ({ removed: await history.remove(request.id) }),
    'history.clear': async () => ({ removed: await history.clear() }),
  };
}
