// Binds the taste domain's contract methods to TasteService, and gives the generate methods their `order` option.
import type { MethodHandlers } from '../engine/contract-dispatcher.js';
import type { TasteService } from './taste-service.js';

type TasteMethodId =
  'taste.feedback' | 'taste.rank' | 'taste.explain' | 'taste.status' | 'taste.reset' | 'taste.configure';

export function tasteHandlers(taste: TasteService): Pick<MethodHandlers, TasteMethodId> {
  return {
    'taste.feedback': (request) => taste.feedback(request),
    'taste.rank': (request) => taste.rank(request),
    'taste.explain': (request) => taste.explain(request),
    'taste.status': () => taste.status(),
    'taste.reset': (request) => taste.reset(request),
    'taste.configure': (request) => taste.configure(request),
  };
}

/** The generate methods that take `order` ("generated" or "taste"). */
export type OrderedMethodId = 'music.generate' | 'music.drums' | 'music.arrange' | 'levels.generate';

/**
 * Wraps the (history-recording) generate handlers: `order` is taken off the request before it runs, so the model and
 * the history's recipe never see it (regenerating gives generated order, seed stream by stream), and the answer is
 * reordered afterwards; without `order` the answer is as generated, with no `order` field.
 */
export function tasteOrdered(
  handlers: Pick<MethodHandlers, OrderedMethodId>,
  taste: TasteService,
): Pick<MethodHandlers, OrderedMethodId> {
  const wrap = <M extends OrderedMethodId>(method: M): MethodHandlers[M] => {
    const handler = handlers[method] as unknown as (request: unknown, context: unknown) => Promise<never>;
    return (async (request: { order?: 'generated' | 'taste' }, context: unknown) => {
      const { order, ...rest } = request;
      const run = await handler(rest, context);
      if (order === undefined) return run;
      if (order === 'taste') return taste.order(run);
      const count = (run as { result: { variations?: unknown[]; levels?: unknown[] } }).result;
      const variations = (count.variations ?? count.levels ?? []).map((_item, index) => index);
      return { ...(run as object), order: { by: 'generated', variations } };
    }) as unknown as MethodHandlers[M];
  };
  return {
    'music.generate': wrap('music.generate'),
    'music.drums': wrap('music.drums'),
    'music.arrange': wrap('music.arrange'),
    'levels.generate': wrap('levels.generate'),
  };
}
