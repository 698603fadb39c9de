// Arranged songs as MIDI files, read back by parsers this project did not write (@tonejs/midi and python-mido): SMF type
// 1, a conductor track, four named parts with their programs and channels (drums on 10), and an end on the last bar line.
import { Midi } from '@tonejs/midi';
import { describe, expect, it } from 'vitest';
import type { ArrangeResult, SongTrack } from '../../../../../../contract/arrange.js';
import { MosaicError } from '../../../../../../contract/errors.js';
import { exportSong } from '../../../../../../main/services/music/music-files/song-export.js';
import { midiByMido } from '../../../../../support/independent-readers.js';
import { arrangedSong } from './song-fixture.js';

async function midiOf(result: ArrangeResult, name?: string): Promise<Uint8Array> {
  const { files } = await exportSong(result, 0, 'mid', name ? { name } : {});
  expect(files).toHaveLength(1);
  expect(files[0]!.mediaType).toBe('audio/midi');
  return Buffer.from(files[0]!.base64, 'base64');
}

/** The notes a listener hears in `bars` bars: those starting before the end, released at it. */
function heard(track: SongTrack, bars: number): [number, number, number, number][] {
  const end = bars * 1920;
  return track.notes
    .filter((note) => note.start < end)
    .map((note): [number, number, number, number] => [
      note.pitch,
      note.start,
      Math.min(note.duration, end - note.start),
      note.velocity,
    ])
    .sort((a, b) => a[1] - b[1] || a[0] - b[0]);
}

const parts = [
  { title: 'Melody', channel: 0, program: 0 },
  { title: 'Chords', channel: 1, program: 4 },
  { title: 'Bass', channel: 2, program: 34 },
  { title: 'Drums', channel: 9, program: 0 },
];

describe('exportSong as MIDI', () => {
  const song = arrangedSong(4, 96);
  const tracks = song.variations[0]!.tracks;

  it('reads back in @tonejs/midi as four named parts with their programs, drums on channel 10', async () => {
    const parsed = new Midi(await midiOf(song, 'my song'));
    expect(parsed.header.ppq).toBe(480);
    expect(parsed.header.name).toBe('my song');
    expect(parsed.header.tempos[0]?.bpm).toBeCloseTo(96, 3);
    expect(parsed.header.timeSignatures.map((signature) => signature.timeSignature)).toEqual([[4, 4]]);
    expect(parsed.header.keySignatures.map(({ scale }) => scale)).toEqual(['minor']);
    const named = parsed.tracks.filter((track) => track.notes.length > 0);
    expect(named.map((track) => [track.name, track.channel, track.instrument.number])).toEqual(
      parts.map((part) => [part.title, part.channel, part.program]),
    );
    expect(named.map((track) => track.instrument.percussion)).toEqual([false, false, false, true]);
    named.forEach((track, index) => {
      const notes = track.notes
        .map((note) => [note.midi, note.ticks, note.durationTicks, Math.round(note.velocity * 127)])
        .sort((a, b) => a[1]! - b[1]! || a[0]! - b[0]!);
      expect(notes).toEqual(heard(tracks[index]!, 4));
    });
    expect(parsed.durationTicks).toBe(4 * 1920);
  });

  it('reads back in python-mido as type 1 with a conductor track and every track ending on the last bar line', async () => {
    const mido = midiByMido(await midiOf(song));
    if (!mido) return; // python3-mido is not installed here
    expect([mido.type, mido.ticksPerBeat, mido.tracks.length]).toEqual([1, 480, 5]);
    expect(mido.tempo).toBeCloseTo(96, 3);
    expect(mido.timeSignatures).toEqual([[4, 4]]);
    expect(mido.keys).toEqual(['Am']);
    const [conductor, ...partTracks] = mido.tracks;
    expect(conductor!.name).toBe('song');
    expect(conductor!.notes).toEqual([]);
    expect(partTracks.map((track) => [track.name, track.channels, track.programs])).toEqual(
      parts.map((part) => [part.title, [part.channel], [part.program]]),
    );
    // Each part has a channel volume, the chords' under the melody's.
    expect(partTracks.every((track) => track.volumes.length === 1)).toBe(true);
    expect(partTracks[1]!.volumes[0]).toBeLessThan(partTracks[0]!.volumes[0]!);
    partTracks.forEach((track, index) => expect(track.notes).toEqual(heard(tracks[index]!, 4)));
    expect(mido.tracks.map((track) => track.end)).toEqual([7680, 7680, 7680, 7680, 7680]);
    // The chord track names its chords, as a lead sheet would.
    expect(partTracks[1]!.texts).toEqual([
      [0, 'Am'],
      [1920, 'F'],
      [3840, 'C'],
      [5760, 'G'],
    ]);
    expect(partTracks.filter((track) => track.texts.length > 0)).toHaveLength(1);
    // The melody's last note rang past the end and one started after it: cut, and left out.
    expect(tracks[0]!.notes.length - partTracks[0]!.notes.length).toBe(1);
    expect(partTracks[0]!.notes.at(-1)).toEqual([55 + 12, 3 * 1920 + 1440, 480, 83]);
  });

  it('writes the parts in part order whatever order the result lists them in, and the same bytes every time', async () => {
    const reordered: ArrangeResult = {
      ...song,
      variations: [{ ...song.variations[0]!, tracks: [...tracks].reverse() }],
    };
    const bytes = await midiOf(reordered);
    expect(Buffer.compare(bytes, await midiOf(song))).toBe(0);
    expect(Buffer.compare(bytes, await midiOf(reordered))).toBe(0);
  });

  it('writes only the parts the song has, and no key signature when it has no key', async () => {
    const { key: _key, ...keyless } = song;
    const twoParts: ArrangeResult = {
      ...keyless,
      variations: [{ ...song.variations[0]!, tracks: [tracks[3]!, tracks[0]!] }],
    };
    const parsed = new Midi(await midiOf(twoParts));
    expect(parsed.header.keySignatures).toEqual([]);
    expect(parsed.tracks.filter((track) => track.notes.length > 0).map((track) => track.name)).toEqual([
      'Melody',
      'Drums',
    ]);
  });

  it('refuses a variation the song does not have, saying which it has', async () => {
    await expect(exportSong(song, 1, 'mid')).rejects.toThrow(MosaicError);
    await expect(exportSong(song, 1, 'mid')).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'The song has no variation 1: pick 0.',
    });
  });
});
