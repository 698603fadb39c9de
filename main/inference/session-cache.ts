// Keeps one onnxruntime session per graph file so a model is never loaded twice.
import * as ort from 'onnxruntime-node';
import type { ExecutionProviderName } from '../../contract/index.js';
import { MosaicError } from '../../contract/index.js';

export class SessionCache {
  private readonly sessions = new Map<string, Promise<ort.InferenceSession>>();

  constructor(private readonly provider: () => ExecutionProviderName) {}

  /** The cached session for a graph, created on first use with the provider in use. */
  get(modelPath: string): Promise<ort.InferenceSession> {
    const cached = this.sessions.get(modelPath);
    if (cached) return cached;
    const created = ort.InferenceSession.create(modelPath, {
      executionProviders: [this.provider()],
      graphOptimizationLevel: 'all',
    }).catch((error: unknown) => {
      this.sessions.delete(modelPath);
      const message = error instanceof Error ? error.message : String(error);
      throw new MosaicError('MODEL_LOAD_FAILED', `Could not load ${modelPath}: ${message}`);
    });
    this.sessions.set(modelPath, created);
    return created;
  }

  async disposeAll(): Promise<void> {
    const pending = [...this.sessions.values()];
    this.sessions.clear();
    for (const session of await Promise.allSettled(pending)) {
      if (session.status === 'fulfilled') await session.value.release();
    }
  }
}
