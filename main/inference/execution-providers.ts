// Chooses the execution provider: the platform's best first, CPU last, because onnxruntime rejects rather than falls back.
import type { ExecutionProviderName, ExecutionProviderReport, ProviderAttempt } from '../../contract/index.js';
import { executionProviderNames } from '../../contract/index.js';

export interface ProviderPlan {
  candidates: ExecutionProviderName[];
  reason: string;
}

/** The order to try providers in: MOSAIC_EP forces one (CPU stays as the safety net unless it is CPU itself). */
export function planProviders(platform: NodeJS.Platform, forced: string | undefined): ProviderPlan {
  const wanted = forced?.trim().toLowerCase();
  if (wanted) {
    if (!(executionProviderNames as readonly string[]).includes(wanted)) {
      throw new Error(`MOSAIC_EP=${forced} is not a provider this app knows (${executionProviderNames.join(', ')}).`);
    }
    const name = wanted as ExecutionProviderName;
    return {
      candidates: name === 'cpu' ? ['cpu'] : [name, 'cpu'],
      reason: `MOSAIC_EP=${name}`,
    };
  }
  const byPlatform: Partial<Record<NodeJS.Platform, ExecutionProviderName[]>> = {
    linux: ['cuda', 'cpu'],
    win32: ['cuda', 'dml', 'cpu'],
    darwin: ['coreml', 'cpu'],
  };
  return { candidates: byPlatform[platform] ?? ['cpu'], reason: `platform default for ${platform}` };
}

/**
 * Tries each candidate alone by creating a session on the probe graph and keeps the first that loads.
 * `tryProvider` resolves when a session could be created with that provider and rejects otherwise.
 */
export async function selectProvider(
  plan: ProviderPlan,
  tryProvider: (name: ExecutionProviderName) => Promise<void>,
  now: () => number = () => performance.now(),
): Promise<ExecutionProviderReport> {
  const tried: ProviderAttempt[] = [];
  for (const name of plan.candidates) {
    const started = now();
    try {
      await tryProvider(name);
      tried.push({ name, ok: true, elapsedMs: now() - started });
      return { inUse: name, tried, reason: plan.reason };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      tried.push({ name, ok: false, error: firstLine(message), elapsedMs: now() - started });
    }
  }
  const summary = tried.map((attempt) => `${attempt.name}: ${attempt.error ?? 'failed'}`).join('; ');
  throw new Error(`No execution provider could load the probe graph (${summary}).`);
}

function firstLine(text: string): string {
  const line = text.split('\n').find((candidate) => candidate.trim().length > 0) ?? text;
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}
