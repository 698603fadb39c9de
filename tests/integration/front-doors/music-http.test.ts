// The music API over real HTTP (mosaic serve, bundled models): keys in either spelling, no key claimed that was not
// applied, primers refused with the reason, loop-ready WAVs of the clip's exact length and MIDI key signatures, each
// checked with an independent reader (@tonejs/midi and python-mido, Python's wave module).
import { Midi } from '@tonejs/midi';
import { describe, expect, it } from 'vitest';
import { detectKey } from '../../../common/key-detection.js';
import { scalePitchClasses } from '../../../common/music-theory.js';
import type { MusicRun } from '../../../contract/index.js';
import { writeMidiFile } from '../../../main/services/music/music-files/midi-writer.js';
import { keySignaturesOf, wavLengthOf } from '../../support/independent-readers.js';
import { rawRequest } from '../../support/raw-http.js';
import { serveTempHome } from '../../support/served-home.js';

const served = serveTempHome();

/** What these calls answer: a run, exported files, or an error (each test reads the part its call gives). */
type Answer = MusicRun & { files: { name: string; base64: string }[]; error: { code: string; message: string } };

const post = (path: string, body: unknown) => served.post<Answer>(path, body);

describe('music over HTTP', () => {
  it('takes a key in either spelling and says it as given; the MIDI carries its key signature', async () => {
    const flat = await post('/v1/music/generate', { bars: 2, key: 'Bb minor', seed: 3 });
    expect(flat.status).toBe(200);
    const sharp = await post('/v1/music/generate', { bars: 2, key: { tonic: 'A#', scale: 'minor' }, seed: 3 });
    expect(sharp.status).toBe(200);
    expect(flat.json.result.key).toEqual({ tonic: 'A#', scale: 'minor', spelling: 'flat' });
    expect(flat.json.result.variations).toEqual(sharp.json.result.variations);
    const inScale = scalePitchClasses(flat.json.result.key!);
    for (const note of flat.json.result.variations[0]!.notes) expect(inScale[note.pitch % 12]).toBe(true);
    const history = await rawRequest(served.server.url, served.server.token, { path: '/v1/history/list' });
    expect(history.body).toContain('in Bb minor');

    const exported = await post('/v1/music/export', { result: flat.json.result, format: 'mid', name: 'bb' });
    const bb = keySignaturesOf(Buffer.from(exported.json.files[0]!.base64, 'base64'));
    expect(bb.tonejs).toEqual(['Db minor']); // five flats, minor
    if (bb.mido) expect(bb.mido).toEqual(['Bbm']);
    const dorian = await post('/v1/music/generate', { bars: 1, key: 'D dorian', seed: 3 });
    const dorianMidi = await post('/v1/music/export', { result: dorian.json.result, format: 'mid' });
    const d = keySignaturesOf(Buffer.from(dorianMidi.json.files[0]!.base64, 'base64'));
    expect(d.tonejs).toEqual(['C major']); // D dorian is written with C major's signature: no sharps or flats
    if (d.mido) expect(d.mido).toEqual(['C']);

    const wrong = await post('/v1/music/generate', { bars: 2, key: 'H minor' });
    expect(wrong.status).toBe(400);
    expect(wrong.json.error.message).toMatch(/"H minor" is not a key: say a key like "A minor", "Bb major"/);
  }, 60_000);

  it('claims no key for a melody generated without one, and says which key each variation is in', async () => {
    const run = (await post('/v1/music/generate', { bars: 4, variations: 4, seed: 21 })).json;
    expect(run.result.key).toBeUndefined();
    for (const variation of run.result.variations) {
      const generated = variation.notes.slice(variation.primerNotes);
      const detected = detectKey(generated);
      expect(variation.stats.detectedKey).toEqual(detected?.key);
      expect(variation.stats.inScaleRate).toBeUndefined();
      const inScale = scalePitchClasses(variation.stats.detectedKey!);
      const total = generated.reduce((sum, note) => sum + note.duration, 0);
      const inside = generated.filter((note) => inScale[note.pitch % 12]).reduce((sum, n) => sum + n.duration, 0);
      expect(variation.stats.detectedKeyFit).toBeCloseTo(inside / total, 6);
    }
    // Nor does the MIDI file write a key signature for a key that was never applied.
    const exported = await post('/v1/music/export', { result: run.result, format: 'mid' });
    expect(new Midi(Buffer.from(exported.json.files[0]!.base64, 'base64')).header.keySignatures).toEqual([]);
    expect(keySignaturesOf(Buffer.from(exported.json.files[0]!.base64, 'base64')).mido ?? []).toEqual([]);
  }, 60_000);

  it('exports a loop-ready WAV of exactly the clip, or with its release tail when asked', async () => {
    const run = (await post('/v1/music/generate', { bars: 2, tempo: 110, key: 'E minor', seed: 4 })).json;
    const clipSeconds = (2 * 4 * 60) / 110;
    const loop = await post('/v1/music/export', { result: run.result, format: 'wav' });
    expect(loop.status).toBe(200);
    expect(wavLengthOf(Buffer.from(loop.json.files[0]!.base64, 'base64')).frames).toBe(
      Math.round(clipSeconds * 44_100),
    );
    const tail = await post('/v1/music/export', { result: run.result, format: 'wav', wavEnd: 'tail' });
    expect(wavLengthOf(Buffer.from(tail.json.files[0]!.base64, 'base64')).seconds).toBeCloseTo(clipSeconds + 1, 3);
    // The loop's start holds the release the tail version has after the last bar line.
    const loopBytes = Buffer.from(loop.json.files[0]!.base64, 'base64');
    const tailBytes = Buffer.from(tail.json.files[0]!.base64, 'base64');
    const firstSample = (bytes: Buffer) => bytes.readInt16LE(bytes.indexOf('data', 12, 'latin1') + 8);
    const afterEnd = tailBytes.readInt16LE(
      tailBytes.indexOf('data', 12, 'latin1') + 8 + Math.round(clipSeconds * 44_100) * 4,
    );
    expect(firstSample(loopBytes)).toBe(Math.max(-32768, Math.min(32767, firstSample(tailBytes) + afterEnd)));
  }, 60_000);

  it('says what is wrong with a primer that is not a usable MIDI file', async () => {
    const good = Buffer.from(
      writeMidiFile({
        name: 'primer',
        ticksPerBeat: 480,
        tempo: 100,
        timeSignature: [4, 4],
        tracks: [
          { name: 'Lead', channel: 0, program: 0, notes: [{ pitch: 60, start: 0, duration: 480, velocity: 80 }] },
        ],
      }),
    );
    const wav = Buffer.concat([Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt ', 'latin1'), Buffer.alloc(32)]);
    const drumsOnly = Buffer.from(
      writeMidiFile({
        name: 'beat',
        ticksPerBeat: 480,
        tempo: 100,
        timeSignature: [4, 4],
        tracks: [
          { name: 'Drums', channel: 9, program: 0, notes: [{ pitch: 36, start: 0, duration: 60, velocity: 80 }] },
        ],
      }),
    );
    const cases: [Buffer, RegExp][] = [
      [wav, /^The primer \(primerMidi\) is not a usable MIDI file: it is a WAV audio file, not MIDI\.$/],
      [good.subarray(0, good.length - 10), /track 2 of 2 is truncated: it declares \d+ bytes, only \d+ are left/],
      [Buffer.from('hello, world'), /does not start with the MIDI header "MThd" \(its first bytes are 68 65 6c/],
      [drumsOnly, /has no melody notes: all its notes are drums \(channel 10\)/],
    ];
    for (const [bytes, message] of cases) {
      const answer = await post('/v1/music/continue', { part: 'melody', primerMidi: bytes.toString('base64') });
      expect(answer.status).toBe(400);
      expect(answer.json.error.code).toBe('BAD_REQUEST');
      expect(answer.json.error.message).toMatch(message);
      expect(answer.json.error.message).not.toContain('undefined');
    }
    // The field itself: empty, or not base64 at all (never decoded leniently into bytes blamed on the file).
    const fields: [string, RegExp][] = [
      ['', /^primerMidi is empty: send the \.mid file's bytes, base64-encoded\.$/],
      ['!!!not base64***', /^primerMidi is not base64 text: send the \.mid file's bytes, base64-encoded\.$/],
    ];
    for (const [primerMidi, message] of fields) {
      const answer = await post('/v1/music/continue', { part: 'melody', primerMidi });
      expect(answer.status).toBe(400);
      expect(answer.json.error.message).toMatch(message);
    }
    const follow = await post('/v1/music/drums', { bars: 1, followMidi: '' });
    expect(follow.json.error.message).toMatch(/^followMidi is empty/);
  }, 60_000);
});
