import { describe, expect, it } from 'vitest';
import type { ArrangeRun, SongTrack } from '../../../contract/index.js';
import { defaultArrangeMix } from '../../../renderer/src/state/arrange-settings.js';
import {
  canRedo,
  canUndo,
  changedCells,
  currentTake,
  exportResultOf,
  maxTakes,
  pushTake,
  songOfRun,
  stepTake,
  type SongTake,
} from '../../../renderer/src/state/arrange-song.js';
import { arrangeRunFixture } from '../../support/arrange-runs.js';

const take = (id: string, tracks: SongTrack[]): SongTake => ({ id, tracks, bars: 8, changed: [], label: id });

describe('arrange song takes', () => {
  it('makes each variation of a run a stack of one take', () => {
    const song = songOfRun(arrangeRunFixture(2, 'job-a'), 'Arranged');
    expect(song.variations).toHaveLength(2);
    expect(currentTake(song)?.id).toBe('job-a:0');
    expect(currentTake(song, 1)?.tracks.map((track) => track.track)).toEqual(['melody', 'chords', 'bass', 'drums']);
    expect(canUndo(song, 0)).toBe(false);
  });

  it('undoes and redoes takes per variation; a new take drops the redo history above it', () => {
    let song = songOfRun(arrangeRunFixture(2, 'job-a'), 'Arranged');
    song = pushTake(song, 0, take('t1', []));
    song = pushTake(song, 0, take('t2', []));
    expect(currentTake(song, 0)?.id).toBe('t2');
    expect(currentTake(song, 1)?.id).toBe('job-a:1');
    song = stepTake(song, 0, -1);
    song = stepTake(song, 0, -1);
    expect(currentTake(song, 0)?.id).toBe('job-a:0');
    expect(stepTake(song, 0, -1)).toBe(song);
    expect(canRedo(song, 0)).toBe(true);
    song = stepTake(song, 0, 1);
    song = pushTake(song, 0, take('t3', []));
    expect(song.variations[0]!.takes.map((kept) => kept.id)).toEqual(['job-a:0', 't1', 't3']);
    expect(canRedo(song, 0)).toBe(false);
  });

  it('keeps at most maxTakes takes, dropping the oldest', () => {
    let song = songOfRun(arrangeRunFixture(1, 'job-a'), 'Arranged');
    for (let index = 0; index < maxTakes + 5; index += 1) song = pushTake(song, 0, take(`t${index}`, []));
    expect(song.variations[0]!.takes).toHaveLength(maxTakes);
    expect(currentTake(song)?.id).toBe(`t${maxTakes + 4}`);
  });

  it('finds the cells two takes differ in', () => {
    const before: SongTrack[] = [
      { track: 'bass', notes: [{ pitch: 40, start: 0, duration: 480, velocity: 90 }] },
      { track: 'drums', notes: [{ pitch: 36, start: 1920 * 3, duration: 120, velocity: 100 }] },
    ];
    const after: SongTrack[] = [
      {
        track: 'bass',
        notes: [
          { pitch: 40, start: 0, duration: 480, velocity: 90 },
          { pitch: 43, start: 1920 * 2, duration: 480, velocity: 80 },
        ],
      },
      { track: 'drums', notes: [{ pitch: 36, start: 1920 * 3, duration: 120, velocity: 101 }] },
    ];
    expect(changedCells(before, after, 8)).toEqual([
      { track: 'bass', bar: 2 },
      { track: 'drums', bar: 3 },
    ]);
  });

  it('exports the current take with the mix’s programs, all parts or one lane', () => {
    const run: ArrangeRun = arrangeRunFixture(1, 'job-a');
    const song = songOfRun(run, 'Arranged');
    const mix = { ...defaultArrangeMix, bass: { program: 38, mute: false, solo: false } };
    const result = exportResultOf(song, 0, mix)!;
    expect(result.variations).toHaveLength(1);
    expect(result.variations[0]!.tracks.map((track) => [track.track, track.program])).toEqual([
      ['melody', 0],
      ['chords', 4],
      ['bass', 38],
      ['drums', 0],
    ]);
    expect(exportResultOf(song, 0, mix, ['bass'])!.variations[0]!.tracks.map((track) => track.track)).toEqual(['bass']);
    expect(result.bars).toBe(run.result.bars);
  });
});
