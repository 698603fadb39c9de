// A small arranged song (four parts, A minor, 96 bpm) built note by note, with notes crossing and past its last bar line.
import type { ArrangeResult, ArrangeTrack, SongTrack } from '../../../../../../contract/arrange.js';
import type { MusicNote } from '../../../../../../contract/music.js';

const beat = 480;
const bar = 4 * beat;

function note(pitch: number, start: number, duration: number, velocity = 90): MusicNote {
  return { pitch, start, duration, velocity };
}

/** Am | F | C | G, one chord a bar, voiced in the middle register. */
const progression = [
  { root: 'A', quality: 'min', pitches: [57, 60, 64] },
  { root: 'F', quality: 'maj', pitches: [53, 57, 60] },
  { root: 'C', quality: 'maj', pitches: [55, 60, 64] },
  { root: 'G', quality: 'maj', pitches: [55, 59, 62] },
] as const;

/** The tracks of a `bars`-bar song; the melody's last note rings half a bar past the end and one note starts after it. */
export function songTracks(bars = 4): SongTrack[] {
  const melody: MusicNote[] = [];
  const chords: MusicNote[] = [];
  const bass: MusicNote[] = [];
  const drums: MusicNote[] = [];
  const symbols: NonNullable<SongTrack['chords']> = [];
  for (let index = 0; index < bars; index += 1) {
    const at = index * bar;
    const chord = progression[index % progression.length]!;
    symbols.push({ start: at, duration: bar, root: chord.root, quality: chord.quality, velocity: 70 });
    for (const pitch of chord.pitches) chords.push(note(pitch, at, bar, 70));
    bass.push(note(chord.pitches[0]! - 24, at, 2 * beat, 100), note(chord.pitches[0]! - 12, at + 2 * beat, beat, 90));
    for (let step = 0; step < 4; step += 1) {
      const held = step === 3 && index === bars - 1 ? 2 * beat : beat / 2;
      melody.push(note(chord.pitches[step % 3]! + 12, at + step * beat, held, 80 + step));
      drums.push(note(step % 2 === 0 ? 36 : 38, at + step * beat, 60, step % 2 === 0 ? 110 : 100));
      drums.push(note(42, at + step * beat, 60, 70), note(42, at + step * beat + beat / 2, 60, 55));
    }
  }
  // Start-sorted, as results are; the last melody note (2 beats from beat 4 of the last bar) crosses the bar line.
  melody.push(note(81, bars * bar + beat, beat));
  return [
    { track: 'melody', notes: melody },
    { track: 'chords', notes: chords, chords: symbols },
    { track: 'bass', program: 34, notes: bass },
    { track: 'drums', notes: drums },
  ];
}

export function arrangedSong(bars = 4, tempo = 96): ArrangeResult {
  const tracks = songTracks(bars);
  return {
    task: 'music.arrange',
    ticksPerBeat: 480,
    tempo,
    timeSignature: [4, 4],
    bars,
    key: { tonic: 'A', scale: 'minor' },
    style: 'pop',
    drumStyle: 'pop',
    conditioning: [],
    variations: [
      {
        tracks,
        filledCells: [],
        stats: {
          notes: tracks.reduce((sum, track) => sum + track.notes.length, 0),
          notesPerTrack: Object.fromEntries(tracks.map((track) => [track.track, track.notes.length])) as Record<
            ArrangeTrack,
            number
          >,
          tokens: 0,
        },
      },
    ],
    timing: { totalMs: 0, tokensPerSecond: 0 },
  };
}
