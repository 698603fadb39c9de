// The recipe a History card lists: parameters as people read them (a key as "Bb minor", not its stored fields).
import { describe, expect, it } from 'vitest';
import { describeKey, methods, type HistoryItem } from '../../../contract/index.js';
import { recipeParameters } from '../../../renderer/src/features/history/history-card.js';

function itemOf(method: HistoryItem['method'], request: Record<string, unknown>): HistoryItem {
  return {
    id: 'h-1',
    kind: method.startsWith('music.') ? 'music' : 'level',
    method,
    // The service stores the validated request, as here.
    request: methods[method].request.parse(request) as Record<string, unknown>,
    model: { name: 'music-melody', version: '1.1.0', precision: 'fp32', digest: 'a'.repeat(64) },
    seed: 7,
    jobId: 'job-1',
    createdAt: new Date(0).toISOString(),
    durationMs: 10,
    summary: { label: '8 bars', variations: 1 },
    preview: {},
  } as HistoryItem;
}

describe('history card recipe', () => {
  it('shows a music key the way the app names keys, in the spelling asked for', () => {
    for (const asked of ['Bb minor', 'A# minor', 'F# dorian', 'Eb phrygian', 'C harmonic minor']) {
      const item = itemOf('music.generate', { bars: 8, seed: 7, key: asked });
      const stored = item.request.key as Parameters<typeof describeKey>[0];
      const shown = new Map(recipeParameters(item)).get('key');
      expect(shown).toBe(describeKey(stored));
      expect(shown).not.toMatch(/tonic|scale|spelling/);
    }
    const flat = itemOf('music.generate', { bars: 8, seed: 7, key: 'Bb minor' });
    expect(new Map(recipeParameters(flat)).get('key')).toBe('Bb minor');
  });

  it('still lists other object parameters field by field, and hides data fields', () => {
    const item = itemOf('music.generate', { bars: 8, seed: 7, pitchRange: { lowest: 55, highest: 84 } });
    const shown = new Map(recipeParameters(item));
    expect(shown.get('pitchRange')).toBe('lowest 55, highest 84');
    expect(shown.get('bars')).toBe('8');
    expect(shown.has('seed')).toBe(false);
  });
});
