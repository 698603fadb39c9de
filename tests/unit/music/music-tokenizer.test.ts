// remi-v1 in TypeScript: the vocabulary layout, MIDI -> tokens -> MIDI round trips through our writer and an
// independent parser (@tonejs/midi), and the tokenizer's edge rules.
import { readFileSync } from 'node:fs';
import ToneMidi from '@tonejs/midi';
import { describe, expect, it } from 'vitest';
import type { MusicNote } from '../../../contract/music.js';
import { MusicTokenizer } from '../../../main/inference/tasks/music/music-tokenizer.js';
import { RemiVocabulary } from '../../../main/inference/tasks/music/remi-vocabulary.js';
import { drumChannel } from '../../../main/services/music/music-files/midi-clip.js';
import { writeMidiFile } from '../../../main/services/music/music-files/midi-writer.js';
import { corpusFiles, remiSpecPath } from './music-fixtures.js';

const vocabulary = RemiVocabulary.fromJson(JSON.parse(readFileSync(remiSpecPath, 'utf8')));
const tokenizer = new MusicTokenizer(vocabulary);
const melody = { style: 'folk', key: 'G-major', tempo: 120, density: 6 };
const drums = { style: 'funk', tempo: 100, density: 18 };

/** Writes notes with our MIDI writer and reads them back with @tonejs/midi. */
function throughMidiFile(notes: readonly MusicNote[], channel: number): MusicNote[] {
  const bytes = writeMidiFile({
    name: 'round trip',
    ticksPerBeat: 480,
    tempo: 120,
    timeSignature: [4, 4],
    tracks: [{ name: 'part', channel, program: 0, notes }],
  });
  const parsed = new ToneMidi.Midi(bytes);
  return parsed.tracks.flatMap((track) =>
    track.notes.map((note) => ({
      pitch: note.midi,
      start: note.ticks,
      duration: note.durationTicks,
      velocity: Math.round(note.velocity * 127),
    })),
  );
}

describe('RemiVocabulary', () => {
  it('lays out the same ids as the Python mirror', () => {
    expect(vocabulary.size).toBe(221);
    expect(vocabulary.tokens.slice(0, 4)).toEqual(['PAD', 'BOS', 'EOS', 'Bar']);
    expect(vocabulary.tokens[vocabulary.id('pitch', 60)]).toBe('Pitch_60');
    expect(vocabulary.tokens[vocabulary.id('key', 'A-minor')]).toBe('Key_A-minor');
    expect(vocabulary.value(vocabulary.nearest('tempo', 97.5))).toBe(90);
  });

  it('refuses a malformed spec with a coded error', () => {
    expect(() => RemiVocabulary.fromJson({ name: 'x' })).toThrow(
      expect.objectContaining({ code: 'MODEL_LOAD_FAILED' }),
    );
  });
});

describe('MusicTokenizer round trips', () => {
  it('keeps quantized melody notes exactly, empty bars included', () => {
    const notes = [
      { pitch: 67, start: 0, duration: 480, velocity: 96 },
      { pitch: 69, start: 480, duration: 240, velocity: 80 },
      { pitch: 71, start: 720, duration: 240, velocity: 80 },
      { pitch: 72, start: 1920 * 2 + 120, duration: 960, velocity: 112 },
    ];
    const tokens = tokenizer.encode(notes, 'melody', melody);
    expect(tokenizer.decode(tokens, 'melody')).toEqual(notes);
    expect(tokens.filter((token) => token === vocabulary.id('bar'))).toHaveLength(3);
    expect(tokenizer.encode(throughMidiFile(tokenizer.decode(tokens, 'melody'), 0), 'melody', melody)).toEqual(tokens);
  });

  it('keeps drum micro-timing and velocities through a MIDI file on channel 10', () => {
    const notes = [
      { pitch: 36, start: 0, duration: 60, velocity: 110 },
      { pitch: 38, start: 478, duration: 60, velocity: 90 },
      { pitch: 42, start: 250, duration: 60, velocity: 40 },
      { pitch: 22, start: 1000, duration: 60, velocity: 70 },
    ];
    const tokens = tokenizer.encode(notes, 'drums', drums);
    const decoded = tokenizer.decode(tokens, 'drums');
    expect(decoded.map((note) => [note.start, note.pitch])).toEqual([
      [0, 36],
      [250, 42],
      [480, 38],
      [1000, 42],
    ]);
    expect(new Set(decoded.map((note) => note.velocity))).toEqual(new Set([32, 64, 96, 112]));
    expect(tokenizer.encode(throughMidiFile(decoded, drumChannel), 'drums', drums)).toEqual(tokens);
  });

  it('round-trips corpus files (MIDI -> tokens -> MIDI -> tokens)', () => {
    const files = corpusFiles();
    if (files.length === 0) return; // the shared corpus is not on this machine
    for (const file of files) {
      const tokens = tokenizer.encode(file.notes, file.profile, file.profile === 'drums' ? drums : melody);
      const again = throughMidiFile(tokenizer.decode(tokens, file.profile), file.profile === 'drums' ? drumChannel : 0);
      expect(tokenizer.encode(again, file.profile, file.profile === 'drums' ? drums : melody), file.name).toEqual(
        tokens,
      );
      expect(tokens.length).toBeGreaterThan(50);
    }
  });
});

describe('MusicTokenizer rules', () => {
  it('keeps the loudest of two notes on one step and pitch, and sorts by pitch', () => {
    const notes = [
      { pitch: 64, start: 0, duration: 120, velocity: 50 },
      { pitch: 64, start: 5, duration: 120, velocity: 100 },
      { pitch: 60, start: 0, duration: 120, velocity: 70 },
    ];
    const decoded = tokenizer.decode(tokenizer.encode(notes, 'melody', melody), 'melody');
    expect(decoded.map((note) => [note.pitch, note.velocity])).toEqual([
      [60, 64],
      [64, 96],
    ]);
  });

  it('drops incomplete notes and clamps an early first hit to tick 0', () => {
    const bar = vocabulary.id('bar');
    const start = [bar, vocabulary.id('position', 0)];
    expect(tokenizer.decode([...start, vocabulary.id('pitch', 60), vocabulary.id('velocity', 64)], 'melody')).toEqual(
      [],
    );
    const early = [...start, vocabulary.id('drum', 36), vocabulary.id('velocity', 96), vocabulary.id('offset', -3)];
    expect(tokenizer.decode(early, 'drums')[0]?.start).toBe(0);
  });
});
