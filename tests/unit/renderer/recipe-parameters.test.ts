// The recipe a History card lists: parameters as people read them (a key as "Bb minor", a span as inclusive columns).
import { describe, expect, it } from 'vitest';
import { describeKey, methods, type HistoryItem } from '../../../contract/index.js';
import { recipeParameters } from '../../../renderer/src/features/history/recipe-parameters.js';

const itemWith = (request: Record<string, unknown>) => ({ request }) as unknown as HistoryItem;

describe('recipe parameters in History', () => {
  it('shows a key stored by music.generate the way the app names keys, in the spelling asked for', () => {
    for (const asked of ['Bb minor', 'A# minor', 'F# dorian', 'Eb phrygian', 'C harmonic minor']) {
      // The service stores the validated request, as here.
      const request = methods['music.generate'].request.parse({ bars: 8, seed: 7, key: asked }) as {
        key: Parameters<typeof describeKey>[0];
      };
      const shown = new Map(recipeParameters(itemWith(request))).get('key');
      expect(shown).toBe(describeKey(request.key));
      expect(shown).not.toMatch(/tonic|scale|spelling/);
    }
  });

  it('names a key as the user spelled it, not as its stored tonic and spelling fields', () => {
    const parameters = recipeParameters(
      itemWith({ bars: 4, key: { tonic: 'A#', scale: 'minor', spelling: 'flat' }, lockToScale: true }),
    );
    expect(parameters).toContainEqual(['key', 'Bb minor']);
    expect(recipeParameters(itemWith({ key: { tonic: 'D', scale: 'dorian' } }))).toContainEqual(['key', 'D dorian']);
    expect(recipeParameters(itemWith({ key: { tonic: 'F#', scale: 'pentatonic-major' } }))).toContainEqual([
      'key',
      'F# pentatonic major',
    ]);
  });

  it('names a regenerated span the way its title does (inclusive columns), not as the half-open from and to', () => {
    const parameters = recipeParameters(itemWith({ mode: 'regenerate', from: 23, to: 42, variations: 1 }));
    expect(parameters).toContainEqual(['columns', '23–41']);
    expect(parameters.map(([name]) => name)).not.toContain('to');
    expect(parameters.map(([name]) => name)).not.toContain('from');
    expect(recipeParameters(itemWith({ from: 7, to: 8 }))).toContainEqual(['columns', '7']);
  });

  it('keeps other objects as their fields and hides the data fields', () => {
    const parameters = recipeParameters(
      itemWith({ pitchRange: { lowest: 55, highest: 84 }, seed: 5, model: 'x', rows: ['--'], tempo: 100 }),
    );
    expect(parameters).toEqual([
      ['pitchRange', 'lowest 55, highest 84'],
      ['tempo', '100'],
    ]);
  });

  it('shows a song request’s parts and rewritten cells as Arrange names them, not the song it was given', () => {
    const request = methods['music.infill'].request.parse({
      song: { tracks: [{ track: 'bass', notes: [{ pitch: 40, start: 0, duration: 480, velocity: 90 }] }], bars: 4 },
      cells: [{ track: 'bass', fromBar: 2, toBar: 3 }],
      seed: 1,
    }) as Record<string, unknown>;
    const parameters = new Map(recipeParameters(itemWith(request)));
    expect(parameters.get('cells')).toBe('bass bars 3–4');
    // The song's own length, not the request's default of 8 bars that infill ignores.
    expect(parameters.get('bars')).toBe('4');
    expect(parameters.has('song')).toBe(false);
    expect(new Map(recipeParameters(itemWith({ tracks: ['melody', 'bass'] }))).get('tracks')).toBe('melody, bass');
    expect(recipeParameters(itemWith({ density: {}, tempo: 90 }))).toEqual([['tempo', '90']]);
  });
});
