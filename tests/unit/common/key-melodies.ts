// Known melodies in several modes, as notes (480 ticks per beat), for the key detector's tests.
import { pitchClassNames, type MusicKey } from '../../../contract/music-keys.js';

export interface KeyedMelody {
  name: string;
  key: MusicKey;
  notes: { pitch: number; start: number; duration: number; velocity: number }[];
}

/** "D4:1 A4:0.5 …": note names (sharps or flats) with lengths in beats; "r:1" rests. */
export function melody(text: string): KeyedMelody['notes'] {
  const notes: KeyedMelody['notes'] = [];
  let beat = 0;
  for (const item of text.trim().split(/\s+/)) {
    const [name = '', length = '1'] = item.split(':');
    const beats = Number(length);
    if (name !== 'r') {
      const match = /^([A-G])(#|b)?(-?\d)$/.exec(name);
      if (!match) throw new Error(`bad note ${name}`);
      const base = pitchClassNames.indexOf(match[1] as (typeof pitchClassNames)[number]);
      const shift = match[2] === '#' ? 1 : match[2] === 'b' ? -1 : 0;
      notes.push({
        pitch: 12 * (Number(match[3]) + 1) + base + shift,
        start: Math.round(beat * 480),
        duration: Math.round(beats * 480 * 0.9),
        velocity: 90,
      });
    }
    beat += beats;
  }
  return notes;
}

export const keyedMelodies: KeyedMelody[] = [
  {
    // B natural in bar 3 makes it dorian, not D minor.
    name: 'Drunken Sailor (D dorian)',
    key: { tonic: 'D', scale: 'dorian' },
    notes: melody(`A4:0.5 A4:0.25 A4:0.25 A4:0.5 A4:0.25 A4:0.25 A4:0.5 D4:0.5 F4:0.5 A4:0.5
      G4:0.5 G4:0.25 G4:0.25 G4:0.5 G4:0.25 G4:0.25 G4:0.5 C4:0.5 E4:0.5 G4:0.5
      A4:0.5 A4:0.25 A4:0.25 A4:0.5 A4:0.25 A4:0.25 A4:0.5 B4:0.5 C5:0.5 D5:0.5
      C5:0.5 A4:0.5 G4:0.5 E4:0.5 D4:1 D4:1`),
  },
  {
    name: 'Scarborough Fair (D dorian)',
    key: { tonic: 'D', scale: 'dorian' },
    notes: melody(`D4:2 D4:1 A4:2 A4:1 E4:1.5 F4:0.5 E4:1 D4:3
      r:1 A4:1 C5:1 D5:2 C5:1 A4:1 B4:1 G4:1 A4:3
      D5:2 D5:1 D5:2 C5:1 A4:2 A4:1 G4:1 F4:1 E4:1 D4:1 C4:1 D4:3`),
  },
  {
    name: 'Twinkle, Twinkle, Little Star (C major)',
    key: { tonic: 'C', scale: 'major' },
    notes: melody(`C4 C4 G4 G4 A4 A4 G4:2 F4 F4 E4 E4 D4 D4 C4:2
      G4 G4 F4 F4 E4 E4 D4:2 G4 G4 F4 F4 E4 E4 D4:2
      C4 C4 G4 G4 A4 A4 G4:2 F4 F4 E4 E4 D4 D4 C4:2`),
  },
  {
    name: 'Ode to Joy (D major)',
    key: { tonic: 'D', scale: 'major' },
    notes: melody(`F#4 F#4 G4 A4 A4 G4 F#4 E4 D4 D4 E4 F#4 F#4:1.5 E4:0.5 E4:2
      F#4 F#4 G4 A4 A4 G4 F#4 E4 D4 D4 E4 F#4 E4:1.5 D4:0.5 D4:2`),
  },
  {
    name: 'God Rest Ye Merry Gentlemen (E minor)',
    key: { tonic: 'E', scale: 'minor' },
    notes: melody(`E4 E4 B4 B4 A4 G4 F#4 E4 D4 E4 F#4 G4 A4 B4:3
      B4 C5 B4 A4 G4 F#4 E4 G4 F#4 E4 D4 G4 F#4 E4:3`),
  },
  {
    name: 'Hava Nagila-like phrase (A harmonic minor)',
    key: { tonic: 'A', scale: 'harmonic-minor' },
    notes: melody(`A4 B4 C5 B4 A4 G#4 A4:2 E4 F4 G#4 A4 B4 C5 B4:2
      C5 B4 A4 G#4 F4 E4 F4 G#4 A4:3`),
  },
  {
    name: 'Phrygian riff (E phrygian)',
    key: { tonic: 'E', scale: 'phrygian' },
    notes: melody(`E4:1 F4:0.5 E4:0.5 G4:1 F4:1 E4:2 D4:1 E4:1
      F4:0.5 G4:0.5 A4:1 G4:0.5 F4:0.5 E4:1 F4:1 E4:2 B4:1 C5:0.5 B4:0.5 F4:1 E4:3`),
  },
  {
    name: 'Lydian line (F lydian)',
    key: { tonic: 'F', scale: 'lydian' },
    notes: melody(`F4:1 G4:1 A4:1 B4:1 C5:1 B4:1 A4:2 G4:1 A4:1 B4:1 G4:1 F4:2
      A4:1 B4:1 C5:2 B4:1 A4:1 G4:1 B4:1 A4:1 G4:1 F4:3`),
  },
  {
    name: 'Old Joe Clark (A mixolydian)',
    key: { tonic: 'A', scale: 'mixolydian' },
    notes: melody(`E4:0.5 E4:0.5 A4:0.5 A4:0.5 A4:0.5 B4:0.5 C#5:1 B4:0.5 A4:0.5 G4:1 E4:2
      E4:0.5 E4:0.5 A4:0.5 A4:0.5 A4:0.5 B4:0.5 C#5:1 B4:0.5 A4:0.5 G4:0.5 B4:0.5 A4:2
      C#5:0.5 E5:0.5 E5:1 D5:0.5 C#5:0.5 B4:0.5 G4:0.5 A4:3`),
  },
  {
    name: 'Minor pentatonic lick (A pentatonic minor)',
    key: { tonic: 'A', scale: 'pentatonic-minor' },
    notes: melody(`A4:1 C5:0.5 D5:0.5 E5:1 G5:0.5 E5:0.5 D5:1 C5:0.5 A4:0.5 G4:1 A4:2
      E5:0.5 D5:0.5 C5:0.5 A4:0.5 C5:1 D5:1 C5:0.5 A4:0.5 G4:0.5 E4:0.5 A4:3`),
  },
  {
    name: 'Blues lick (A blues)',
    key: { tonic: 'A', scale: 'blues' },
    notes: melody(`A4:1 C5:0.5 D5:0.5 D#5:0.5 E5:1.5 G5:0.5 E5:0.5 D#5:0.5 D5:0.5 C5:1 A4:1
      C5:0.5 D5:0.5 D#5:0.5 D5:0.5 C5:0.5 A4:0.5 G4:1 A4:3`),
  },
];
