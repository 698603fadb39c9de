// Binds the inference and jobs domains' contract methods to InferenceService and the GenerationQueue.
import type { MethodHandlers } from '../engine/contract-dispatcher.js';
import type { GenerationQueue } from '../engine/generation-queue.js';
import type { InferenceService } from './inference-service.js';

type InferenceMethodId =
  | 'inference.generate'
  | 'inference.load'
  | 'inference.unload'
  | 'inference.sessions'
  | 'inference.metrics'
  | 'jobs.list'
  | 'jobs.cancel';

export function inferenceHandlers(
  inference: InferenceService,
  queue: GenerationQueue,
): Pick<MethodHandlers, InferenceMethodId> {
  return {
    'inference.generate': (request, context) => inference.generate(request, context),
    'inference.load': (request) => inference.load(request),
    'inference.unload': (request) => inference.unload(request),
    'inference.sessions': () => inference.sessions(),
    'inference.metrics': () => inference.metrics(),
    'jobs.list': async () => ({ jobs: queue.list() }),
    'jobs.cancel': async (request) => ({ cancelled: queue.cancel(request.id) }),
  };
}
