// Arranged-song runs as music.arrange answers them, for renderer tests: four parts, one note per part per bar.
import type { ArrangeRun, SongTrack } from '../../contract/index.js';

export function arrangeTracksFixture(bars = 8, pitchShift = 0): SongTrack[] {
  const notes = (pitch: number, duration: number) =>
    Array.from({ length: bars }, (_, bar) => ({
      pitch: pitch + pitchShift,
      start: bar * 1920,
      duration,
      velocity: 80,
    }));
  return [
    { track: 'melody', notes: notes(69, 960) },
    { track: 'chords', notes: notes(57, 1920) },
    { track: 'bass', notes: notes(45, 960) },
    { track: 'drums', notes: notes(36, 120).map((note) => ({ ...note, pitch: 36 })) },
  ];
}

export function arrangeRunFixture(variations: number, jobId = 'job-arrange', bars = 8): ArrangeRun {
  return {
    model: {
      name: 'music-arrange',
      version: '1.0.0',
      precision: 'int8',
      digest: 'a'.repeat(64),
      task: 'music.arrange',
    },
    jobId,
    seed: 7,
    result: {
      task: 'music.arrange',
      ticksPerBeat: 480,
      tempo: 110,
      timeSignature: [4, 4],
      bars,
      key: { tonic: 'A', scale: 'minor' },
      style: 'pop',
      drumStyle: 'pop',
      form: 'AABA',
      conditioning: [],
      variations: Array.from({ length: variations }, (_, index) => ({
        tracks: arrangeTracksFixture(bars, index),
        filledCells: [],
        stats: { notes: bars * 4, notesPerTrack: {}, tokens: 100 },
      })),
      timing: { totalMs: 300, tokensPerSecond: 2000 },
    },
  };
}
