import { describe, expect, it } from 'vitest';
import tonejs from '@tonejs/midi';
import {
  audibleTracks,
  defaultArrangeMix,
  defaultArrangeSettings,
  sanitizeArrangeMix,
  sanitizeArrangeSettings,
} from '../../../renderer/src/state/arrange-settings.js';
import { arrangeRequestOf } from '../../../renderer/src/state/arrange-requests.js';
import { readSongFile } from '../../../renderer/src/features/arrange/song-file-reader.js';

const { Midi } = tonejs;

describe('Arrange settings and songs read from files', () => {
  it('repairs damaged settings field by field and asks for what they say', () => {
    const repaired = sanitizeArrangeSettings({
      bars: 999,
      form: 'ABZ',
      tracks: ['bass', 'kazoo'],
      density: { bass: 6 },
      seed: 5,
    });
    expect(repaired).toMatchObject({ bars: 8, form: 'AABA', tracks: ['bass'], seed: 5 });
    expect(repaired.density).toEqual({ melody: null, chords: null, bass: 6, drums: null });
    expect(sanitizeArrangeSettings({ tracks: [] }).tracks).toEqual(defaultArrangeSettings.tracks);
    const request = arrangeRequestOf({ ...defaultArrangeSettings, form: '', density: { ...repaired.density } });
    expect(request).not.toHaveProperty('form');
    expect(request.density).toEqual({ bass: 6 });
    expect(request.key).toEqual({ tonic: 'A', scale: 'minor' });
  });

  it('hears the soloed lanes when any is soloed, else every lane not muted', () => {
    const mix = sanitizeArrangeMix({ drums: { mute: true }, bass: { program: 500 } });
    expect(mix.bass.program).toBe(defaultArrangeMix.bass.program);
    expect(audibleTracks(mix, ['melody', 'bass', 'drums'])).toEqual(['melody', 'bass']);
    const soloed = { ...mix, bass: { ...mix.bass, solo: true } };
    expect(audibleTracks(soloed, ['melody', 'bass', 'drums'])).toEqual(['bass']);
  });

  it('reads a dropped .mid as a song: parts by name, channel 10 and register, at 480 ticks a beat', () => {
    const midi = new Midi();
    midi.header.setTempo(96);
    const add = (name: string, channel: number, pitches: number[]) => {
      const track = midi.addTrack();
      track.name = name;
      track.channel = channel;
      pitches.forEach((pitch, index) =>
        track.addNote({ midi: pitch, ticks: index * 480, durationTicks: 400, velocity: 0.8 }),
      );
    };
    add('Lead', 0, [72, 74, 76, 77, 79, 77, 76, 74]);
    add('Untitled', 1, [36, 36, 43, 43, 41, 41, 36, 36]);
    add('Beat', 9, [36, 42, 38, 42, 36, 42, 38, 42]);
    const song = readSongFile('groove.mid', midi.toArray());
    expect(song.tracks.map((track) => track.track)).toEqual(['melody', 'bass', 'drums']);
    expect(song.bars).toBe(2);
    expect(song.tempo).toBe(96);
    expect(song.tracks[0]!.notes[1]).toMatchObject({ pitch: 74, start: 480 * (480 / midi.header.ppq) });
    expect(() => readSongFile('junk.mid', new Uint8Array([1, 2, 3]))).toThrow(/not a usable MIDI file/);
  });
});
