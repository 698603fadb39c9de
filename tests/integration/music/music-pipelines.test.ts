// music.melody and music.drums end to end on the packaged models, in-process with real onnxruntime: modes, key lock,
// primers, long pieces through the sliding window, rhythm following and kit choice.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { musicResultSchema, musicTicksPerBar, type MusicNote, type MusicResult } from '../../../contract/music.js';
import { scalePitchClasses } from '../../../main/inference/tasks/music/music-theory.js';
import { MusicTaskRunner } from '../../../models/tools/music-task-runner.js';
import { repositoryRoot } from '../../unit/music/music-fixtures.js';

const packageDir = (name: string) => join(repositoryRoot, 'models', 'packages', name, '1.0.0');

function generatedNotes(result: MusicResult, variation = 0) {
  return result.variations[variation]!.notes.slice(result.variations[variation]!.primerNotes);
}

describe('music.melody', () => {
  let melody: MusicTaskRunner;
  beforeAll(() => {
    melody = new MusicTaskRunner(packageDir('music-melody'));
  });
  afterAll(() => melody.dispose());

  it('generates variations that are reproducible by seed and differ from each other', async () => {
    const params = { bars: 8, variations: 4, seed: 11, style: 'folk', key: { tonic: 'G', scale: 'major' } };
    const first = await melody.run('music.melody', params);
    const again = await melody.run('music.melody', params);
    expect(musicResultSchema.safeParse(first).success).toBe(true);
    expect(again.variations).toEqual(first.variations);
    expect(first.variations).toHaveLength(4);
    expect(first.conditioning).toEqual(['Style_folk', 'Key_G-major', 'Tempo_120', 'Density_5']);
    const signatures = new Set(first.variations.map((variation) => JSON.stringify(variation.notes.slice(0, 12))));
    expect(signatures.size).toBe(4);
    for (const variation of first.variations) {
      expect(variation.stats.notes).toBeGreaterThan(8);
      expect(Math.max(...variation.notes.map((note) => note.start + note.duration))).toBeLessThanOrEqual(
        8 * 1920 + 32 * 120,
      );
      expect(Math.max(...variation.notes.map((note) => note.start))).toBeLessThan(8 * 1920);
    }
  });

  it('keeps every note in the locked scale, the range and the bars asked for, over many samples', async () => {
    let notes = 0;
    let reachingTheEnd = 0;
    const keys = [
      { tonic: 'D', scale: 'dorian' },
      { tonic: 'F#', scale: 'minor' },
      { tonic: 'A#', scale: 'major' },
      { tonic: 'E', scale: 'harmonic-minor' },
      { tonic: 'C', scale: 'pentatonic-major' },
      { tonic: 'G', scale: 'blues' },
    ] as const;
    for (const [index, key] of keys.entries()) {
      const result = await melody.run('music.melody', {
        bars: 8,
        variations: 8,
        seed: index,
        temperature: 1.3,
        key,
        pitchRange: { lowest: 60, highest: 84 },
      });
      const inScale = scalePitchClasses(result.key!);
      for (const variation of result.variations) {
        expect(variation.stats.inScaleRate).toBe(1);
        for (const note of variation.notes) {
          expect(inScale[note.pitch % 12], `${note.pitch} in ${key.tonic} ${key.scale}`).toBe(true);
          expect(note.pitch).toBeGreaterThanOrEqual(60);
          expect(note.pitch).toBeLessThanOrEqual(84);
          // An 8-bar clip ends at its eighth bar line: a long note in the last bar is cut there.
          expect(note.start + note.duration).toBeLessThanOrEqual(8 * musicTicksPerBar);
          if (note.start + note.duration === 8 * musicTicksPerBar) reachingTheEnd += 1;
          notes += 1;
        }
      }
    }
    expect(notes).toBeGreaterThan(1000);
    expect(reachingTheEnd).toBeGreaterThan(0);
  }, 120_000);

  it('continues a primer: the primer comes back unchanged, new bars follow it', async () => {
    const primer = [60, 62, 64, 65, 67, 65, 64, 62, 60, 64, 67, 72].map((pitch, index) => ({
      pitch,
      start: index * 240 + 7,
      duration: 230,
      velocity: 70 + index,
    }));
    const result = await melody.run('music.melody', {
      mode: 'continue',
      bars: 4,
      variations: 2,
      primer: { notes: primer, bars: 2 },
    });
    expect(result.generatedFromTick).toBe(2 * 1920);
    expect(result.bars).toBe(6);
    // No key was asked for: the primer's estimate conditions the model, but the result claims no key.
    expect(result.conditioning).toContain('Key_C-major');
    expect(result.key).toBeUndefined();
    for (const variation of result.variations) {
      expect(variation.primerNotes).toBe(primer.length);
      expect(variation.notes.slice(0, primer.length)).toEqual(primer);
      const added = variation.notes.slice(primer.length);
      expect(added.length).toBeGreaterThan(3);
      expect(Math.min(...added.map((note) => note.start))).toBeGreaterThanOrEqual(2 * 1920);
    }
  });

  it('writes 32 bars through the sliding window', async () => {
    const result = await melody.run('music.melody', { bars: 32, variations: 2, seed: 5, style: 'folk' });
    expect(result.timing.windows).toBeGreaterThan(2);
    for (const variation of result.variations) {
      const lastBar = Math.floor(Math.max(...variation.notes.map((note) => note.start)) / 1920);
      expect(lastBar).toBeGreaterThanOrEqual(28);
      expect(lastBar).toBeLessThan(32);
      const barsWithNotes = new Set(variation.notes.map((note) => Math.floor(note.start / 1920)));
      expect(barsWithNotes.size).toBeGreaterThan(24);
    }
  }, 60_000);

  it('follows a form: restated bars come back note for note, through the sliding window too', async () => {
    /** Bar `index`'s notes as [pitch, onset in the bar, duration inside the bar, velocity] (a clip ends on its last bar line). */
    const barNotes = (notes: readonly MusicNote[], index: number) =>
      notes
        .filter((note) => Math.floor(note.start / 1920) === index)
        .map((note) => [
          note.pitch,
          note.start - index * 1920,
          Math.min(note.duration, (index + 1) * 1920 - note.start),
          note.velocity,
        ]);
    const free = await melody.run('music.melody', { bars: 8, variations: 4, seed: 21 });
    const formed = await melody.run('music.melody', { bars: 8, variations: 4, seed: 21, form: 'AABA', repetition: 1 });
    expect(free.form).toBeUndefined();
    expect(formed.form).toBe('AABA');
    for (const [index, variation] of formed.variations.entries()) {
      for (const [copy, source] of [
        [2, 0],
        [3, 1],
        [6, 0],
        [7, 1],
      ] as const)
        expect(barNotes(variation.notes, copy), `variation ${index + 1}, bar ${copy + 1}`).toEqual(
          barNotes(variation.notes, source),
        );
      expect(variation.stats.repeatedBars).toBeGreaterThanOrEqual(0.5);
      expect(variation.stats.fourGramSelfSimilarity).toBeGreaterThan(0.2);
    }
    // Without a form the model's bars rarely repeat (music-melody's card: 0.004 of bars).
    const freeRepeats = free.variations.map((variation) => variation.stats.repeatedBars!);
    expect(Math.max(...freeRepeats)).toBeLessThan(0.5);

    // 24 bars of ABA with 8-bar sections: the last section copies the first, which the later windows no longer hold.
    const long = await melody.run('music.melody', { bars: 24, variations: 1, seed: 4, form: 'ABA', repetition: 1 });
    expect(long.timing.windows).toBeGreaterThan(1);
    for (let bar = 0; bar < 8; bar += 1)
      expect(barNotes(long.variations[0]!.notes, 16 + bar)).toEqual(barNotes(long.variations[0]!.notes, bar));
  }, 60_000);

  it('refuses bad parameters with BAD_REQUEST', async () => {
    await expect(melody.run('music.melody', { bars: 40 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(melody.run('music.melody', { mode: 'continue' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(melody.run('music.melody', { bars: 4, form: 'AABAB' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('more sections than'),
    });
    await expect(melody.run('music.melody', { form: 'AAXA' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('music.drums', () => {
  let drums: MusicTaskRunner;
  beforeAll(() => {
    drums = new MusicTaskRunner(packageDir('music-drums'));
  });
  afterAll(() => drums.dispose());

  it('plays with varied velocities and micro-timing, and its kit', async () => {
    const result = await drums.run('music.drums', { bars: 4, variations: 2, style: 'funk', tempo: 100, seed: 2 });
    expect(musicResultSchema.parse(result).tempo).toBe(100);
    expect(musicResultSchema.safeParse(await drums.run('music.drums', { bars: 1 })).success).toBe(true);
    for (const variation of result.variations) {
      const notes = variation.notes;
      expect(notes.length).toBeGreaterThan(30);
      expect(new Set(notes.map((note) => note.velocity)).size).toBeGreaterThanOrEqual(4);
      expect(notes.filter((note) => note.start % 120 !== 0).length).toBeGreaterThan(notes.length / 10);
      expect(new Set(notes.map((note) => note.pitch)).has(36)).toBe(true);
      expect(variation.stats.grooveConsistency).toBeGreaterThan(0.5);
    }
  });

  it('follows a given rhythm exactly and keeps to the chosen instruments', async () => {
    const steps = [0, 3, 4, 8, 10, 12];
    const result = await drums.run('music.drums', {
      bars: 6,
      variations: 3,
      rhythm: { steps },
      instruments: ['kick', 'snare', 'closed-hihat', 'open-hihat'],
      seed: 4,
    });
    for (const variation of result.variations) {
      const onsets = new Set(variation.notes.map((note) => Math.floor((2 * note.start + 120) / 240) % 16));
      expect([...onsets].sort((a, b) => a - b)).toEqual(steps);
      const perBar = new Set(variation.notes.map((note) => Math.floor((2 * note.start + 120) / 240 / 16)));
      expect(perBar.size).toBe(6);
      expect(variation.notes.every((note) => [36, 38, 42, 46].includes(note.pitch))).toBe(true);
    }
  });

  it('continues a drum clip past the model context', async () => {
    const primer = [0, 2, 4, 6, 8, 10, 12, 14].flatMap((step) => [
      { pitch: 42, start: step * 120, duration: 60, velocity: 80 },
      ...(step % 8 === 0 ? [{ pitch: 36, start: step * 120, duration: 60, velocity: 110 }] : []),
      ...(step % 8 === 4 ? [{ pitch: 38, start: step * 120, duration: 60, velocity: 100 }] : []),
    ]);
    const result = await drums.run('music.drums', {
      mode: 'continue',
      bars: 12,
      primer: { notes: primer, bars: 1 },
      style: 'rock',
    });
    expect(result.variations[0]!.notes.slice(0, primer.length)).toEqual(
      [...primer].sort((a, b) => a.start - b.start || a.pitch - b.pitch),
    );
    const added = generatedNotes(result);
    expect(Math.max(...added.map((note) => note.start))).toBeGreaterThan(11 * 1920);
    expect(result.timing.windows).toBeGreaterThan(1);
  }, 60_000);
});
