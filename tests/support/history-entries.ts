// A small level history entry for HistoryStore tests, and its model.
import type { HistoryEntry, ResolvedModel } from '../../contract/index.js';

export const model: ResolvedModel = {
  name: 'level-platformer',
  version: '1.0.0',
  precision: 'fp32',
  digest: 'a'.repeat(64),
  task: 'level.platformer',
};

export function sampleHistoryEntry(id: string): HistoryEntry {
  const rows = Array.from({ length: 14 }, () => '-'.repeat(16));
  return {
    id,
    kind: 'level',
    method: 'levels.generate',
    request: { width: 16, variations: 1, seed: 3 },
    model,
    seed: 3,
    jobId: 'job-1',
    createdAt: '2026-01-01T00:00:00.000Z',
    durationMs: 5,
    summary: { label: '16 columns', variations: 1, width: 16, playable: 0, prompt: '' },
    preview: { rows },
    run: {
      model,
      jobId: 'job-1',
      result: {
        mode: 'generate',
        prompt: '',
        attributes: { pipes: 'none', enemies: 'none', blocks: 'little', elevation: 'low' },
        seed: 3,
        width: 16,
        levels: [],
        totalMs: 1,
      },
    },
  };
}
