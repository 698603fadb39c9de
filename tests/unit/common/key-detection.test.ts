// The key detector finds the mode of known melodies in every transposition, and the Nottingham tunes' labelled tonics.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectKey } from '../../../common/key-detection.js';
import { parseMusicKey, pitchClassNames } from '../../../contract/music-keys.js';
import { readMidiFile } from '../../../main/services/music/music-files/midi-reader.js';
import { musicDataRoot } from '../music/music-fixtures.js';
import { keyedMelodies, melody } from './key-melodies.js';

describe('detectKey', () => {
  for (const known of keyedMelodies) {
    it(`finds ${known.name} in all 12 transpositions`, () => {
      for (let shift = 0; shift < 12; shift += 1) {
        const notes = known.notes.map((note) => ({ ...note, pitch: note.pitch + shift }));
        const tonic = pitchClassNames[(pitchClassNames.indexOf(known.key.tonic) + shift) % 12];
        expect(detectKey(notes)?.key, `shifted by ${shift}`).toEqual({ tonic, scale: known.key.scale });
      }
    });
  }

  it('tells D dorian (B natural) from D minor (B flat) in the same tune', () => {
    const dorian = keyedMelodies[0]!.notes;
    const minor = dorian.map((note) => (note.pitch % 12 === 11 ? { ...note, pitch: note.pitch - 1 } : note));
    expect(detectKey(dorian)?.key).toEqual({ tonic: 'D', scale: 'dorian' });
    expect(detectKey(minor)?.key).toEqual({ tonic: 'D', scale: 'minor' });
  });

  it('reports how much of the notes the key holds, and nothing for too few pitch classes', () => {
    const chromatic = melody('C4 C#4 D4 E4 F4 G4 A4 B4 C5:2');
    const detection = detectKey(chromatic)!;
    expect(detection.key).toEqual({ tonic: 'C', scale: 'major' });
    expect(detection.fit).toBeCloseTo(1 - 0.9 / (0.9 * 8 + 1.8), 5);
    expect(detectKey(melody('C4 G4 C4 G4'))).toBeUndefined();
    expect(detectKey([])).toBeUndefined();
  });

  const nottingham = join(musicDataRoot, 'nottingham');
  it.skipIf(!existsSync(nottingham))('finds the labelled tonic of most Nottingham tunes', () => {
    const labels = new Map<string, string>();
    for (const abc of readdirSync(join(nottingham, 'ABC_cleaned'))) {
      let tune = '';
      for (const line of readFileSync(join(nottingham, 'ABC_cleaned', abc), 'utf8').split('\n')) {
        if (line.startsWith('X:')) tune = `${abc.replace('.abc', '')}${line.slice(2).trim()}`;
        else if (line.startsWith('K:') && !labels.has(tune)) labels.set(tune, line.slice(2).trim());
      }
    }
    let tunes = 0;
    let found = 0;
    for (const name of readdirSync(join(nottingham, 'MIDI', 'melody'))) {
      const label = labels.get(name.replace('.mid', ''));
      const track = readMidiFile(readFileSync(join(nottingham, 'MIDI', 'melody', name))).tracks[0];
      if (!label || !track) continue;
      tunes += 1;
      if (detectKey(track.notes)?.key.tonic === parseMusicKey(label).tonic) found += 1;
    }
    expect(tunes).toBeGreaterThan(1000);
    expect(found / tunes).toBeGreaterThan(0.82);
  });
});
