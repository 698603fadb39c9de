// The structure figures count as arrange_metrics.py (and ANCHORS.md) count them: the same cases as its Python test.
import { describe, expect, it } from 'vitest';
import type { MusicNote } from '../../../../contract/music.js';
import { fourGramSelfSimilarity, repeatedBars } from '../../../../main/inference/tasks/music/music-stats.js';

const note = (start: number, pitch: number): MusicNote => ({ start, duration: 240, pitch, velocity: 80 });

describe('arrange structure stats', () => {
  it('counts bars equal to an earlier bar among the bars that have notes', () => {
    const motif = [note(0, 60), note(480, 64)];
    const notes = [0, 1, 3].flatMap((bar) => motif.map((n) => ({ ...n, start: n.start + bar * 1920 })));
    notes.push(note(2 * 1920, 67));
    expect(repeatedBars(notes, 8)).toBeCloseTo(2 / 4);
  });

  it('counts pitch 4-grams seen earlier in the melody', () => {
    const notes = [60, 62, 64, 65, 60, 62, 64, 65].map((pitch, i) => note(i * 240, pitch));
    expect(fourGramSelfSimilarity(notes)).toBeCloseTo(1 / 5);
  });
});
