// Arranged songs over real HTTP (mosaic serve, the bundled music-arrange model): a 4-track song in a key and form,
// exported as a type-1 MIDI file read back by @tonejs/midi; cells rewritten with every other note kept; chords and bass
// under a melody; drums humanized; the bars between two clips; bad input refused with what to change.
import { Midi } from '@tonejs/midi';
import { describe, expect, it } from 'vitest';
import type { ArrangeRun, MusicNote, SongTrack } from '../../../contract/index.js';
import { scalePitchClasses } from '../../../common/music-theory.js';
import { serveTempHome } from '../../support/served-home.js';

const served = serveTempHome();

type Answer = ArrangeRun & { files: { name: string; base64: string }[]; error: { code: string; message: string } };

const post = (path: string, body: unknown) => served.post<Answer>(path, body);

const bar = 1920;
const notesOf = (tracks: readonly SongTrack[], part: string): MusicNote[] =>
  tracks.find((track) => track.track === part)?.notes ?? [];
const inBars = (note: MusicNote, from: number, to: number) => note.start >= from * bar && note.start < (to + 1) * bar;

let song: ArrangeRun;

describe('arranged songs over HTTP', () => {
  it('arranges four tracks in a key and form; the MIDI file has four named tracks, drums on channel 10', async () => {
    const answer = await post('/v1/music/arrange', {
      bars: 8,
      key: 'A minor',
      tempo: 96,
      style: 'pop',
      form: 'AABA',
      seed: 1,
      variations: 2,
    });
    expect(answer.status).toBe(200);
    song = answer.json;
    const { result } = song;
    expect(result.form).toBe('AABA');
    expect(result.variations).toHaveLength(2);
    const inKey = scalePitchClasses({ tonic: 'A', scale: 'minor' });
    for (const variation of result.variations) {
      expect(variation.tracks.map((track) => track.track)).toEqual(['melody', 'chords', 'bass', 'drums']);
      for (const part of ['melody', 'bass', 'chords']) {
        const notes = notesOf(variation.tracks, part);
        expect(notes.length, part).toBeGreaterThan(0);
        for (const note of notes) expect(inKey[note.pitch % 12], `${part} ${note.pitch}`).toBe(true);
      }
      expect(notesOf(variation.tracks, 'drums').length).toBeGreaterThan(8);
      expect(variation.stats.inScaleRate).toBe(1);
    }

    const exported = await post('/v1/music/export-song', { result, variation: 0, format: 'mid', name: 'song' });
    expect(exported.status).toBe(200);
    const midi = new Midi(Buffer.from(exported.json.files[0]!.base64, 'base64'));
    const named = midi.tracks.filter((track) => track.notes.length > 0);
    expect(named.map((track) => track.name)).toEqual(['Melody', 'Chords', 'Bass', 'Drums']);
    expect(named[3]!.channel).toBe(9);
    expect(named.slice(0, 3).every((track) => track.channel !== 9)).toBe(true);
    expect(Math.round(midi.header.tempos[0]!.bpm)).toBe(96);
    const ppq = midi.header.ppq;
    const lastTick = Math.max(...named.flatMap((track) => track.notes.map((note) => note.ticks + note.durationTicks)));
    expect(lastTick).toBeLessThanOrEqual(8 * 4 * ppq);
    // One lane alone
    const lane = await post('/v1/music/export-song', { result, format: 'mid', tracks: ['bass'], name: 'bass' });
    const bass = new Midi(Buffer.from(lane.json.files[0]!.base64, 'base64'));
    expect(bass.tracks.filter((track) => track.notes.length > 0).map((track) => track.name)).toEqual(['Bass']);
  }, 60_000);

  it('rewrites bass bars 3–4 and keeps every other note exactly', async () => {
    const tracks = song.result.variations[0]!.tracks;
    const answer = await post('/v1/music/infill', {
      song: { tracks, bars: 8 },
      cells: [{ track: 'bass', fromBar: 2, toBar: 3 }],
      key: 'A minor',
      tempo: 96,
      seed: 2,
      variations: 3,
    });
    expect(answer.status).toBe(200);
    let changed = 0;
    for (const variation of answer.json.result.variations) {
      expect(variation.filledCells).toEqual([
        { track: 'bass', bar: 2 },
        { track: 'bass', bar: 3 },
      ]);
      for (const part of ['melody', 'chords', 'drums'])
        expect(notesOf(variation.tracks, part), part).toEqual(notesOf(tracks, part));
      const outside = (notes: MusicNote[]) => notes.filter((note) => !inBars(note, 2, 3));
      expect(outside(notesOf(variation.tracks, 'bass'))).toEqual(outside(notesOf(tracks, 'bass')));
      const inside = (notes: MusicNote[]) => notes.filter((note) => inBars(note, 2, 3));
      if (JSON.stringify(inside(notesOf(variation.tracks, 'bass'))) !== JSON.stringify(inside(notesOf(tracks, 'bass'))))
        changed += 1;
    }
    expect(changed).toBeGreaterThan(0);
  }, 60_000);

  it('puts chords and bass under a melody, keeping it note for note', async () => {
    const melody = notesOf(song.result.variations[1]!.tracks, 'melody');
    const answer = await post('/v1/music/harmonize', {
      song: { tracks: [{ track: 'melody', notes: melody }], bars: 8 },
      seed: 4,
    });
    expect(answer.status).toBe(200);
    const tracks = answer.json.result.variations[0]!.tracks;
    expect(tracks.map((track) => track.track)).toEqual(['melody', 'chords', 'bass']);
    expect(notesOf(tracks, 'melody')).toEqual(melody);
    expect(notesOf(tracks, 'chords').length).toBeGreaterThan(0);
    expect(notesOf(tracks, 'bass').length).toBeGreaterThan(0);
  }, 60_000);

  it('humanizes a quantized drum clip: the same hits, new velocities and micro-timing', async () => {
    const hits = [0, 4, 8, 12, 16, 20, 24, 28].flatMap((step) => [
      { pitch: 36, start: step * 120, duration: 120, velocity: 100 },
      { pitch: 42, start: step * 120, duration: 120, velocity: 100 },
    ]);
    const answer = await post('/v1/music/humanize', { song: { tracks: [{ track: 'drums', notes: hits }] }, seed: 5 });
    expect(answer.status).toBe(200);
    const drums = notesOf(answer.json.result.variations[0]!.tracks, 'drums');
    const grid = (notes: MusicNote[]) =>
      notes.map((note) => `${Math.round(note.start / 120)}:${note.pitch}`).sort((a, b) => a.localeCompare(b));
    expect(grid(drums)).toEqual(grid(hits));
    expect(new Set(drums.map((note) => note.velocity)).size).toBeGreaterThan(1);
  }, 60_000);

  it('writes the bars between two clips, keeping both', async () => {
    const tracks = song.result.variations[0]!.tracks;
    const clip = (from: number) =>
      tracks
        .filter((track) => track.track !== 'drums')
        .map((track) => ({
          track: track.track,
          notes: track.notes
            .filter((note) => inBars(note, from, from + 1))
            .map((note) => ({ ...note, start: note.start - from * bar })),
        }));
    const answer = await post('/v1/music/infill', {
      between: { first: { tracks: clip(0), bars: 2 }, second: { tracks: clip(4), bars: 2 }, bars: 2 },
      seed: 6,
    });
    expect(answer.status).toBe(200);
    const { result } = answer.json;
    expect(result.bars).toBe(6);
    const melody = notesOf(result.variations[0]!.tracks, 'melody');
    expect(melody.filter((note) => inBars(note, 0, 1))).toEqual(notesOf(clip(0), 'melody'));
    expect(
      melody.filter((note) => inBars(note, 4, 5)).map((note) => ({ ...note, start: note.start - 4 * bar })),
    ).toEqual(notesOf(clip(4), 'melody'));
    expect(result.variations[0]!.filledCells.every((cell) => cell.bar === 2 || cell.bar === 3)).toBe(true);
  }, 60_000);

  it('runs the commercial-use drums model for drums and refuses it melody', async () => {
    const model = { name: 'music-arrange-cc-by' };
    const drums = await post('/v1/music/arrange', { model, bars: 4, tracks: ['drums'], drumStyle: 'funk', seed: 7 });
    expect(drums.status).toBe(200);
    expect(drums.json.model.name).toBe('music-arrange-cc-by');
    expect(drums.json.result.variations[0]!.tracks.map((track) => track.track)).toEqual(['drums']);
    expect(notesOf(drums.json.result.variations[0]!.tracks, 'drums').length).toBeGreaterThan(4);
    const melody = await post('/v1/music/arrange', { model, bars: 4, seed: 7 });
    expect(melody.status).toBe(400);
    expect(melody.json.error.message).toContain('writes only drums');
  }, 60_000);

  it('refuses bad input with what to change', async () => {
    const tracks = song.result.variations[0]!.tracks;
    const outside = await post('/v1/music/infill', {
      song: { tracks, bars: 8 },
      cells: [{ track: 'bass', fromBar: 8, toBar: 9 }],
    });
    expect(outside.status).toBe(400);
    expect(outside.json.error.message).toContain('outside the 8-bar song');
    const form = await post('/v1/music/arrange', { bars: 8, form: 'AXBA' });
    expect(form.status).toBe(400);
    expect(form.json.error.message).toMatch(/form/);
    const part = await post('/v1/music/infill', {
      song: { tracks, bars: 8 },
      cells: [{ track: 'guitar', fromBar: 0, toBar: 0 }],
    });
    expect(part.status).toBe(400);
    expect(part.json.error.message).toMatch(/melody.*chords.*bass.*drums/);
    const empty = await post('/v1/music/harmonize', { song: { tracks: [{ track: 'melody', notes: [] }] } });
    expect(empty.status).toBe(400);
    expect(empty.json.error.message).toContain('no melody notes');
    const waltz = new Midi();
    waltz.header.timeSignatures.push({ ticks: 0, timeSignature: [3, 4] });
    waltz.addTrack().addNote({ midi: 60, ticks: 0, durationTicks: 480 });
    const threeFour = await post('/v1/music/harmonize', {
      song: { midi: Buffer.from(waltz.toArray()).toString('base64') },
    });
    expect(threeFour.status).toBe(400);
    expect(threeFour.json.error.message).toMatch(/3\/4/);
  }, 60_000);
});
