// Bad primers are refused with what is wrong with them, by the check the service, the CLI and the Studio share.
import { describe, expect, it } from 'vitest';
import { midiFileProblem } from '../../../common/midi-file-check.js';
import { MosaicError } from '../../../contract/index.js';
import { primerFromMidi, readMidiFile } from '../../../main/services/music/music-files/midi-reader.js';
import { writeMidiFile } from '../../../main/services/music/music-files/midi-writer.js';
import { readMidiClip } from '../../../renderer/src/features/music/midi-clip-reader.js';

function midi(channel = 0, notes = [{ pitch: 60, start: 0, duration: 480, velocity: 80 }]): Uint8Array {
  return writeMidiFile({
    name: 'clip',
    ticksPerBeat: 480,
    tempo: 100,
    timeSignature: [4, 4],
    tracks: [{ name: 'Part', channel, program: 0, notes }],
  });
}

function withBytes(bytes: Uint8Array, at: number, values: number[]): Uint8Array {
  const copy = Uint8Array.from(bytes);
  copy.set(values, at);
  return copy;
}

const good = midi();
const text = (value: string) => new TextEncoder().encode(value);

/** Each bad file, and what all three readers must say about it. */
const badFiles: [string, Uint8Array, RegExp][] = [
  ['empty', new Uint8Array(), /the file is empty/],
  ['a WAV', text('RIFF\x24\x00\x00\x00WAVEfmt '), /it is a WAV audio file, not MIDI/],
  ['an MP3', text('ID3\x04\x00\x00\x00\x00'), /it is an MP3 audio file, not MIDI/],
  ['MusicXML', text('<?xml version="1.0"?><score-partwise>'), /XML or HTML text file/],
  ['ABC', text('X:1\nT:Tune\nK:D\nDEF|'), /ABC notation/],
  [
    'random bytes',
    Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]),
    /does not start with .*"MThd" \(its first bytes are 01 02 03/,
  ],
  ['a header cut short', good.subarray(0, 10), /its header is cut short \(the file has 10 bytes/],
  [
    'format 2',
    withBytes(good, 9, [2]),
    /format 2 \(independent patterns\), which is not read: save it as format 0 or 1/,
  ],
  ['format 7', withBytes(good, 9, [7]), /format 7; MIDI files are format 0, 1 or 2/],
  ['SMPTE timing', withBytes(good, 12, [0xe7, 0x28]), /timed in SMPTE frames/],
  ['no tracks', withBytes(good, 10, [0, 0]), /no tracks/],
  [
    'a missing track',
    withBytes(good, 10, [0, 3]),
    /ends after 2 of the 3 tracks its header announces \(the file is truncated\)/,
  ],
  [
    'a truncated track',
    good.subarray(0, good.length - 5),
    /track 2 of 2 is truncated: it declares \d+ bytes, only \d+ are left/,
  ],
  [
    'a bad chunk',
    withBytes(good, 14, [0x4a, 0x55, 0x4e, 0x4b]),
    /where track 1 should start \(byte 14\) there is "JUNK"/,
  ],
];

describe('midiFileProblem', () => {
  it('finds nothing wrong with a sound file', () => {
    expect(midiFileProblem(good)).toBeUndefined();
  });

  it.each(badFiles)('says what is wrong with %s, in the service, the CLI check and the Studio', (_, bytes, message) => {
    expect(midiFileProblem(bytes)).toMatch(message);
    expect(() => readMidiFile(bytes, 'The primer (primerMidi)')).toThrow(
      expect.objectContaining({ code: 'BAD_REQUEST', message: expect.stringMatching(message) }),
    );
    expect(() => readMidiFile(bytes)).toThrow(/^The MIDI file is not a usable MIDI file: /);
    expect(() => readMidiClip('tune.mid', bytes, '')).toThrow(/^tune\.mid is not a usable MIDI file: /);
    expect(() => readMidiClip('tune.mid', bytes, '')).toThrow(message);
  });

  it('says when a file has no notes, or none of the part asked for', () => {
    const silent = midi(0, []);
    expect(() => readMidiFile(silent)).toThrow(/has no notes \(its tracks hold only tempo, names or other events\)/);
    expect(() => readMidiClip('empty.mid', silent, '')).toThrow(/^empty\.mid has no notes/);
    const drums = readMidiFile(midi(9, [{ pitch: 36, start: 0, duration: 60, velocity: 90 }]));
    expect(() => primerFromMidi(drums, 'melody')).toThrow(/no melody notes: all its notes are drums \(channel 10\)/);
    expect(() => primerFromMidi(readMidiFile(good), 'drums')).toThrow(/no drum notes/);
    expect(() => primerFromMidi(readMidiFile(good), 'melody', 3)).toThrow(
      /no track 3 with notes \(it has 1: track 0\)/,
    );
    expect(() => primerFromMidi(drums, 'melody')).toThrow(MosaicError);
  });
});
