// Reading MIDI files as songs: our own exports round-trip note for note; other files' parts are found by track name,
// channel 10, a bass program or a mapping, at any resolution, in 4/4, 2/2 or 2/4; bad files get errors saying what to do.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SongTrack } from '../../../../../../contract/arrange.js';
import { exportSong } from '../../../../../../main/services/music/music-files/song-export.js';
import { readSong, type SongReadOptions } from '../../../../../../main/services/music/music-files/song-reader.js';
import { notes, smf, type TimedEvent } from './smf-builder.js';
import { arrangedSong } from './song-fixture.js';

function notesOf(song: { tracks: SongTrack[] }, part: SongTrack['track']) {
  return song.tracks
    .find((track) => track.track === part)
    ?.notes.map((note) => [note.pitch, note.start, note.duration]);
}

function refusal(bytes: Uint8Array, options?: SongReadOptions): string {
  try {
    readSong(bytes, options);
  } catch (error) {
    expect(error).toMatchObject({ name: 'MosaicError', code: 'BAD_REQUEST' });
    return (error as Error).message;
  }
  throw new Error('the file was read');
}

const conductor = (bpm = 120): TimedEvent[] => [
  { tick: 0, type: 'name', text: 'Song' },
  { tick: 0, type: 'tempo', bpm },
];

describe('readSong', () => {
  it('reads an exported song back with the same notes, programs, tempo, key and bars', async () => {
    const song = arrangedSong(4, 96);
    const { files } = await exportSong(song, 0, 'mid');
    const read = readSong(Buffer.from(files[0]!.base64, 'base64'));
    expect([read.tempo, read.bars, read.key, read.timeSignature]).toEqual([
      96,
      4,
      { tonic: 'A', scale: 'minor' },
      [4, 4],
    ]);
    const end = 4 * 1920;
    for (const written of song.variations[0]!.tracks) {
      const back = read.tracks.find((track) => track.track === written.track)!;
      expect(back.program).toBe(written.program ?? { melody: 0, chords: 4, bass: 33, drums: 0 }[written.track]);
      const heard = written.notes
        .filter((note) => note.start < end)
        .map((note) => ({ ...note, duration: Math.min(note.duration, end - note.start) }));
      expect(back.notes).toEqual(heard);
    }
    expect(read.tracks.find((track) => track.track === 'chords')!.chords).toEqual(
      song.variations[0]!.tracks[1]!.chords,
    );
    expect(read.tracks.filter((track) => track.chords)).toHaveLength(1);
    expect(read.sources.map((source) => [source.part, source.track, source.channel])).toEqual([
      ['melody', 1, 1],
      ['chords', 2, 2],
      ['bass', 3, 3],
      ['drums', 4, 10],
    ]);
  });

  it('splits a type 0 file by channel and converts its ticks to 480 per beat', () => {
    const bytes = smf(96, [
      [
        ...conductor(100),
        { tick: 0, type: 'key', sharpsOrFlats: -3, minor: false },
        { tick: 0, type: 'program', channel: 0, program: 73 },
        { tick: 0, type: 'program', channel: 4, program: 33 },
        ...notes(0, [
          [72, 0, 48],
          [74, 48, 48],
          [75, 96, 192],
        ]),
        ...notes(4, [[39, 0, 384]]),
        ...notes(9, [
          [36, 0, 24],
          [38, 96, 24],
        ]),
      ],
    ]);
    // Channel 5 plays a bass program, channel 10 is drums; channel 1's flute says nothing until it is mapped.
    const unmapped = readSong(bytes);
    expect(unmapped.tracks.map((track) => track.track)).toEqual(['bass', 'drums']);
    expect(unmapped.sources.find((source) => source.channel === 1)?.part).toBeNull();
    const read = readSong(bytes, { mapping: { 'Channel 1': 'melody' } });
    expect(read.tracks.map((track) => [track.track, track.program])).toEqual([
      ['melody', 73],
      ['bass', 33],
      ['drums', undefined],
    ]);
    expect(notesOf(read, 'melody')).toEqual([
      [72, 0, 240],
      [74, 240, 240],
      [75, 480, 960],
    ]);
    expect(notesOf(read, 'bass')).toEqual([[39, 0, 1920]]);
    expect(notesOf(read, 'drums')).toEqual([
      [36, 0, 120],
      [38, 480, 120],
    ]);
    expect(read.tempo).toBeCloseTo(100, 3);
    expect(read.key).toEqual({ tonic: 'D#', scale: 'major', spelling: 'flat' });
    expect(read.bars).toBe(1);
  });

  it('reads a file python-mido wrote (type 1, 384 ticks per beat, 2/2, E major) as a DAW would name its tracks', () => {
    const script = `
import sys, io, mido
f = mido.MidiFile(type=1, ticks_per_beat=384)
meta = mido.MidiTrack([mido.MetaMessage('set_tempo', tempo=mido.bpm2tempo(84)),
  mido.MetaMessage('time_signature', numerator=2, denominator=2), mido.MetaMessage('key_signature', key='E')])
f.tracks.append(meta)
for name, ch, prog, pitches in [('Vocals', 0, 52, [64, 66, 68]), ('Rhodes', 1, 4, [52, 56, 59]), ('Kit', 9, 0, [36, 42, 38])]:
    t = mido.MidiTrack([mido.MetaMessage('track_name', name=name), mido.Message('program_change', channel=ch, program=prog)])
    for i, p in enumerate(pitches):
        t.append(mido.Message('note_on', channel=ch, note=p, velocity=64 + i, time=0 if i == 0 else 192))
        t.append(mido.Message('note_off', channel=ch, note=p, velocity=0, time=192))
    f.tracks.append(t)
out = io.BytesIO(); f.save(file=out); sys.stdout.buffer.write(out.getvalue())
`;
    if (!existsSync('/usr/bin/python3') || spawnSync('/usr/bin/python3', ['-c', 'import mido']).status !== 0) return;
    const written = spawnSync('/usr/bin/python3', ['-c', script]);
    expect(written.status).toBe(0);
    const read = readSong(new Uint8Array(written.stdout));
    expect(read.tracks.map((track) => [track.track, track.program])).toEqual([
      ['melody', 52],
      ['chords', 4],
      ['drums', 0],
    ]);
    // 192 of 384 ticks are an eighth: 240 of 480; each note an eighth, an eighth apart.
    expect(notesOf(read, 'melody')).toEqual([
      [64, 0, 240],
      [66, 480, 240],
      [68, 960, 240],
    ]);
    expect(read.tracks[0]!.notes.map((note) => note.velocity)).toEqual([64, 65, 66]);
    expect([read.tempo, read.fileTimeSignature, read.timeSignature, read.key, read.bars]).toEqual([
      84,
      [2, 2],
      [4, 4],
      { tonic: 'E', scale: 'major' },
      1,
    ]);
  });

  it('assigns parts by track name, case-insensitively, merging tracks of one part', () => {
    const bytes = smf(480, [
      conductor(),
      [{ tick: 0, type: 'name', text: 'LEAD vocal' }, ...notes(0, [[76, 0, 480]])],
      [{ tick: 0, type: 'name', text: 'Piano RH' }, ...notes(1, [[64, 0, 1920]])],
      [{ tick: 0, type: 'name', text: 'piano lh' }, ...notes(1, [[48, 0, 1920]])],
      [{ tick: 0, type: 'name', text: 'Bass drum' }, ...notes(3, [[36, 1920, 120]])],
      [{ tick: 0, type: 'name', text: 'Upright bass' }, ...notes(2, [[36, 0, 960]])],
    ]);
    const read = readSong(bytes);
    expect(read.tracks.map((track) => track.track)).toEqual(['melody', 'chords', 'bass', 'drums']);
    expect(notesOf(read, 'chords')).toEqual([
      [48, 0, 1920],
      [64, 0, 1920],
    ]);
    expect(read.bars).toBe(2);
  });

  it('reads a lone track as the melody whatever instrument it names, and a lone channel-10 track as drums', () => {
    const melody = smf(960, [[{ tick: 0, type: 'name', text: 'Piano' }, ...notes(0, [[60, 0, 960]])]]);
    expect(readSong(melody).tracks.map((track) => [track.track, track.notes])).toEqual([
      ['melody', [{ pitch: 60, start: 0, duration: 480, velocity: 90 }]],
    ]);
    const drums = smf(480, [notes(9, [[42, 0, 60]])]);
    expect(readSong(drums).tracks.map((track) => track.track)).toEqual(['drums']);
  });

  it('lets a mapping name the melody among tracks whose names do say a part', () => {
    const bytes = smf(480, [
      conductor(),
      [{ tick: 0, type: 'name', text: 'Lead' }, ...notes(0, [[76, 0, 480]])],
      [{ tick: 0, type: 'name', text: 'Flute' }, ...notes(1, [[79, 0, 480]])],
      [{ tick: 0, type: 'name', text: 'Bass' }, ...notes(2, [[40, 0, 480]])],
    ]);
    const read = readSong(bytes, { mapping: { flute: 'melody' } });
    expect(notesOf(read, 'melody')).toEqual([[79, 0, 480]]);
    expect(notesOf(read, 'bass')).toEqual([[40, 0, 480]]);
    expect(read.sources.map((source) => source.part)).toEqual([null, 'melody', 'bass']);
    expect(notesOf(readSong(bytes, { mapping: { '1': 'melody' } }), 'melody')).toEqual([[76, 0, 480]]);
  });

  it('reads 2/2 bars as 4/4 bars and 2/4 bars in pairs', () => {
    for (const [numerator, denominator, bars] of [
      [2, 2, 3],
      [2, 4, 3],
    ] as const) {
      const bytes = smf(480, [
        [...conductor(), { tick: 0, type: 'meter', numerator, denominator }, ...notes(0, [[60, 2 * 1920, 480]])],
      ]);
      const read = readSong(bytes);
      expect([read.timeSignature, read.fileTimeSignature, read.bars]).toEqual([[4, 4], [numerator, denominator], bars]);
    }
  });

  it('keeps rests at the end when the end-of-track mark is on a later bar line', async () => {
    const song = arrangedSong(4);
    const variation = song.variations[0]!;
    const shortMelody = {
      ...song,
      bars: 6,
      variations: [{ ...variation, tracks: [{ track: 'melody' as const, notes: [variation.tracks[0]!.notes[0]!] }] }],
    };
    const { files } = await exportSong(shortMelody, 0, 'mid');
    expect(readSong(Buffer.from(files[0]!.base64, 'base64')).bars).toBe(6);
  });
});

describe('readSong refuses', () => {
  it('a file without notes', () => {
    const message = refusal(smf(480, [conductor(), [{ tick: 0, type: 'name', text: 'Melody' }]]));
    expect(message).toMatch(/^The MIDI file has no notes .*give a file with the notes/);
  });

  it.each([
    [3, 4, 0, /is in 3\/4; songs are in 4\/4 \(2\/2 and 2\/4 are read as 4\/4\): re-bar it in 4\/4/],
    [6, 8, 16 * 480, /is in 6\/8 from beat 17;/],
    [4, 4, 6 * 480, /odd number of 2\/4 bars before beat 7, so they do not pair into 4\/4 bars: add or remove/],
  ])('%i/%i at tick %i', (numerator, denominator, tick, expected) => {
    const before: TimedEvent = tick > 0 ? { tick: 0, type: 'meter', numerator: 2, denominator: 4 } : conductor()[0]!;
    const bytes = smf(480, [
      [
        before,
        ...(tick > 0 && numerator !== 4 ? [{ tick: 0, type: 'meter', numerator: 4, denominator: 4 } as const] : []),
        { tick, type: 'meter', numerator, denominator },
        ...notes(0, [[60, 0, 480]]),
      ],
    ]);
    expect(refusal(bytes)).toMatch(expected);
  });

  it('a mapped track name, number or channel the file does not have, listing what it has', () => {
    const bytes = smf(480, [
      conductor(),
      [{ tick: 0, type: 'name', text: 'Lead' }, ...notes(0, [[76, 0, 480]])],
      [{ tick: 0, type: 'name', text: 'Strings' }, ...notes(1, [[64, 0, 480]])],
    ]);
    expect(refusal(bytes, { mapping: { Guitar: 'chords' } })).toBe(
      'The MIDI file has no track named "Guitar"; its tracks are 0 "Song", 1 "Lead", 2 "Strings".',
    );
    expect(refusal(bytes, { mapping: { '7': 'chords' } })).toBe(
      'The MIDI file has no track 7; its tracks are 0 "Song", 1 "Lead", 2 "Strings".',
    );
    expect(refusal(bytes, { mapping: { '0': 'chords' }, what: 'The song (songMidi)' })).toBe(
      'Track 0 "Song" of the song (songMidi) has no notes: map a track that has ' +
        '(track 1 "Lead" (channel 1), track 2 "Strings" (channel 2)).',
    );
    expect(refusal(bytes, { mapping: { 'channel 10': 'drums' } })).toBe(
      'The MIDI file has no notes on channel 10; its notes are on channel 1, 2.',
    );
  });

  it('tracks whose names say no part, and a needed part that is missing', () => {
    const unnamed = smf(480, [notes(0, [[76, 0, 480]]), notes(1, [[64, 0, 480]])]);
    expect(refusal(unnamed)).toBe(
      "The MIDI file's track names do not say which part each plays (track 0 (channel 1), track 1 (channel 2)): " +
        'name them Melody, Chords, Bass and Drums, or map them to parts by track number or name (e.g. track 1 → melody).',
    );
    const bassOnly = smf(480, [conductor(), [{ tick: 0, type: 'name', text: 'Bass' }, ...notes(0, [[40, 0, 480]])]]);
    expect(readSong(bassOnly).tracks.map((track) => track.track)).toEqual(['bass']);
    expect(refusal(bassOnly, { require: ['melody'] })).toBe(
      'The MIDI file has no melody track (track 1 "Bass" (channel 1)): name the track that holds it "Melody", or map ' +
        'it to melody by its track number or name.',
    );
  });

  it('a file that is not MIDI', () => {
    expect(refusal(new TextEncoder().encode('RIFF....WAVEfmt '))).toMatch(/is not a usable MIDI file: it is a WAV/);
  });
});
