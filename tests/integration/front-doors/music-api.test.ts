// The music front door on the bundled packages: melody in a locked key, continue from a MIDI file, drums following a
// rhythm, and exports checked with an independent MIDI parser and a WAV header read.
import { Midi } from '@tonejs/midi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeMidiFile } from '../../../main/services/music/music-files/midi-writer.js';
import { createCoreFixture, type CoreFixture } from '../../support/core-fixture.js';

let fixture: CoreFixture;
const aMinor = new Set([9, 11, 0, 2, 4, 5, 7]);

beforeAll(async () => {
  fixture = await createCoreFixture();
});

afterAll(async () => {
  await fixture.dispose();
});

const call: CoreFixture['call'] = (method, request) => fixture.call(method, request);

/** A one-bar C-major arpeggio at 100 bpm as a .mid file, base64. */
function primerMidi(): string {
  const notes = [60, 64, 67, 72].map((pitch, index) => ({
    pitch,
    start: index * 480,
    duration: 400,
    velocity: 70 + index * 10,
  }));
  const bytes = writeMidiFile({
    name: 'primer',
    ticksPerBeat: 480,
    tempo: 100,
    timeSignature: [4, 4],
    tracks: [{ name: 'Lead', channel: 0, program: 0, notes }],
  });
  return Buffer.from(bytes).toString('base64');
}

describe('music API', () => {
  it('generates melodies locked to A minor, reproducibly by seed', async () => {
    const request = { bars: 4, variations: 2, key: { tonic: 'A', scale: 'minor' }, seed: 12 };
    const run = await call('music.generate', request);
    expect(run.model).toMatchObject({ name: 'music-melody', version: '1.1.0', task: 'music.melody' });
    expect(run.seed).toBe(12);
    expect(run.result.variations).toHaveLength(2);
    for (const variation of run.result.variations) {
      expect(variation.notes.length).toBeGreaterThan(4);
      expect(variation.notes.every((note) => aMinor.has(note.pitch % 12))).toBe(true);
      expect(Math.max(...variation.notes.map((note) => note.start))).toBeLessThan(4 * 1920);
    }
    const velocities = new Set(
      run.result.variations.flatMap((variation) => variation.notes.map((note) => note.velocity)),
    );
    expect(velocities.size).toBeGreaterThan(1);
    const again = await call('music.generate', request);
    expect(again.result.variations).toEqual(run.result.variations);
    const random = await call('music.generate', { bars: 2 });
    expect(random.seed).toBeGreaterThanOrEqual(0);
  });

  it('continues a MIDI primer, keeping its notes and tempo', async () => {
    const run = await call('music.continue', { part: 'melody', primerMidi: primerMidi(), bars: 2, seed: 3 });
    const variation = run.result.variations[0]!;
    expect(variation.primerNotes).toBe(4);
    expect(variation.notes.slice(0, 4).map((note) => note.pitch)).toEqual([60, 64, 67, 72]);
    expect(run.result.tempo).toBe(100);
    expect(run.result.generatedFromTick).toBe(1920);
    await expect(call('music.continue', { part: 'melody', bars: 2 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('plays drums that follow the rhythm of a clip, on the drum channel', async () => {
    const run = await call('music.drums', { style: 'funk', tempo: 96, bars: 2, followMidi: primerMidi(), seed: 8 });
    // The newest bundled version (the multi-query 1.1.0) is what a fresh install plays.
    expect(run.model).toMatchObject({ name: 'music-drums', version: '1.1.0' });
    const onsets = new Set(run.result.variations[0]!.notes.map((note) => Math.round(note.start / 120) % 16));
    for (const onset of onsets) expect([0, 4, 8, 12]).toContain(onset);
    const exported = await call('music.export', { result: run.result, format: 'mid', name: 'groove' });
    const midi = new Midi(Buffer.from(exported.files[0]!.base64, 'base64'));
    expect(midi.tracks.find((track) => track.notes.length > 0)?.channel).toBe(9);
  });

  it('exports MIDI that an independent parser reads back with the same notes, and a WAV of the right length', async () => {
    const run = await call('music.generate', { bars: 2, tempo: 120, seed: 5 });
    const notes = run.result.variations[0]!.notes;
    const mid = await call('music.export', { result: run.result, format: 'mid', name: 'melody' });
    expect(mid.files[0]).toMatchObject({ name: 'melody.mid', mediaType: 'audio/midi' });
    const midi = new Midi(Buffer.from(mid.files[0]!.base64, 'base64'));
    expect(midi.header.tempos[0]?.bpm).toBeCloseTo(120, 3);
    const parsed = midi.tracks.flatMap((track) =>
      track.notes.map((note) => [note.midi, note.ticks, note.durationTicks]),
    );
    expect(parsed).toEqual(notes.map((note) => [note.pitch, note.start, note.duration]));

    const wav = await call('music.export', { result: run.result, format: 'wav', name: 'melody' });
    const bytes = Buffer.from(wav.files[0]!.base64, 'base64');
    expect(bytes.subarray(0, 4).toString()).toBe('RIFF');
    // Loop-ready by default: exactly two bars at 120 bpm, the release folded onto the start.
    expect(bytes.readUInt32LE(40) / (44_100 * 4)).toBe(4);
    let peak = 0;
    for (let offset = 44; offset < bytes.length; offset += 2)
      peak = Math.max(peak, Math.abs(bytes.readInt16LE(offset)));
    expect(peak).toBeGreaterThan(1000);
  });
});
