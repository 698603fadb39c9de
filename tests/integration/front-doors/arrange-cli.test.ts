// `mosaic music arrange | infill | harmonize | humanize` as a musician runs them: multi-track MIDI files and WAV mixes
// on disk, read back by @tonejs/midi and python-mido; bad input refused with what to change and nothing written.
import { Midi } from '@tonejs/midi';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArrangeRun } from '../../../contract/index.js';
import { hasMido, midiByMido, wavLengthOf } from '../../support/independent-readers.js';
import { mosaicCli, mosaicCliOutcome } from '../../support/mosaic-cli.js';
import { createTempHome } from '../../support/temp-home.js';

let home: Awaited<ReturnType<typeof createTempHome>>;
const run = mosaicCli(() => join(home.path, 'data'));
const outcome = mosaicCliOutcome(() => join(home.path, 'data'));
const at = (...names: string[]) => join(home.path, ...names);

/** Ticks per beat the songs are written at; a file's own ticks are converted to it before comparing. */
const beat = 480;
const bar = 4 * beat;
const aMinor = new Set([9, 11, 0, 2, 4, 5, 7]);
const parts = ['Melody', 'Chords', 'Bass', 'Drums'];
/** Slow: each run starts an engine and loads the model on a shared 2-core machine. */
const slow = 180_000;

interface Note {
  pitch: number;
  start: number;
  duration: number;
  velocity: number;
}

/** Each named track's notes at 480 ticks per beat, velocities 0–127, in start then pitch order. */
async function notesByTrack(path: string): Promise<Map<string, Note[]>> {
  const midi = new Midi(await readFile(path));
  const scale = beat / midi.header.ppq;
  const tracks = new Map<string, Note[]>();
  for (const track of midi.tracks.filter((t) => t.notes.length > 0)) {
    const notes = track.notes.map((note) => ({
      pitch: note.midi,
      start: Math.round(note.ticks * scale),
      duration: Math.round(note.durationTicks * scale),
      velocity: Math.round(note.velocity * 127),
    }));
    tracks.set(
      track.name,
      notes.sort((a, b) => a.start - b.start || a.pitch - b.pitch),
    );
  }
  return tracks;
}

function inBars(note: Note, from: number, to: number): boolean {
  return note.start >= from * bar && note.start < to * bar;
}

/** Writes a one-track file with @tonejs/midi (ticks given at 480 per beat). */
async function writeClip(
  path: string,
  notes: readonly Note[],
  options: { name?: string; channel?: number; tempo?: number; meter?: [number, number]; ppq?: number } = {},
): Promise<void> {
  const midi = new Midi();
  if (options.ppq)
    midi.header.fromJSON({ name: '', ppq: options.ppq, meta: [], tempos: [], timeSignatures: [], keySignatures: [] });
  midi.header.setTempo(options.tempo ?? 110);
  if (options.meter) midi.header.timeSignatures.push({ ticks: 0, timeSignature: options.meter });
  midi.header.update();
  const track = midi.addTrack();
  if (options.name !== undefined) track.name = options.name;
  if (options.channel !== undefined) track.channel = options.channel;
  const scale = midi.header.ppq / beat;
  for (const note of notes)
    track.addNote({
      midi: note.pitch,
      ticks: note.start * scale,
      durationTicks: note.duration * scale,
      velocity: note.velocity / 127,
    });
  await writeFile(path, Buffer.from(midi.toArray()));
}

beforeAll(async () => {
  home = await createTempHome();
});
afterAll(async () => {
  await home.remove();
});

describe('mosaic music arrange', () => {
  it(
    'writes two 8-bar songs in A minor at 96 bpm: named tracks, drums on channel 10, WAV mixes 8 bars long',
    async () => {
      const { stdout } = await run(
        'music',
        'arrange',
        '--bars',
        '8',
        '--tracks',
        'melody,chords,bass,drums',
        '--key',
        'A minor',
        '--tempo',
        '96',
        '--style',
        'pop',
        '--form',
        'AABA',
        '--seed',
        '1',
        '--variations',
        '2',
        '--out',
        at('songs', 'song.mid'),
        '--wav',
        at('songs', 'song.wav'),
      );
      expect(stdout).toMatch(/^music-arrange@[\d.]+ · 8 bars, A minor, pop, 96 bpm, form AABA · seed 1 · /);
      expect(stdout).toContain(`→ ${at('songs', 'song-1.mid')}, ${at('songs', 'song-1.wav')}\n`);
      expect(stdout).toContain(`→ ${at('songs', 'song-2.mid')}, ${at('songs', 'song-2.wav')}\n`);
      expect((await readdir(at('songs'))).sort()).toEqual(['song-1.mid', 'song-1.wav', 'song-2.mid', 'song-2.wav']);

      for (const name of ['song-1', 'song-2']) {
        const bytes = await readFile(at('songs', `${name}.mid`));
        const midi = new Midi(bytes);
        const end = 8 * 4 * midi.header.ppq;
        const playing = midi.tracks.filter((track) => track.notes.length > 0);
        expect(playing.map((track) => track.name)).toEqual(parts);
        expect(playing.find((track) => track.name === 'Drums')!.channel).toBe(9);
        expect(playing.filter((track) => track.name !== 'Drums').every((track) => track.channel !== 9)).toBe(true);
        expect(midi.header.tempos.map((tempo) => tempo.bpm)).toHaveLength(1);
        expect(midi.header.tempos[0]!.bpm).toBeCloseTo(96, 6);
        expect(midi.header.timeSignatures.map((meter) => meter.timeSignature)).toEqual([[4, 4]]);
        expect(midi.header.keySignatures.map((key) => key.scale)).toEqual(['minor']);
        // The clip ends on the 8th bar line: nothing sounds past it, and every track's end mark sits on it.
        const lastEnd = Math.max(...playing.flatMap((track) => track.notes.map((n) => n.ticks + n.durationTicks)));
        expect(lastEnd).toBeLessThanOrEqual(end);
        expect(lastEnd).toBeGreaterThan(end - 4 * midi.header.ppq);
        expect(midi.tracks.map((track) => track.endOfTrackTicks)).toEqual(midi.tracks.map(() => end));
        // Pitched parts stay in A minor.
        const pitched = playing.filter((track) => track.name !== 'Drums').flatMap((track) => track.notes);
        expect(pitched.filter((note) => !aMinor.has(note.midi % 12))).toEqual([]);

        const wav = wavLengthOf(await readFile(at('songs', `${name}.wav`)));
        expect(wav.seconds).toBeCloseTo((8 * 4 * 60) / 96, 4);
      }
    },
    slow,
  );

  it.skipIf(!hasMido)(
    'reads the same way in python-mido: type 1, one named track per part, channel 10 drums',
    async () => {
      for (const name of ['song-1', 'song-2']) {
        const file = midiByMido(await readFile(at('songs', `${name}.mid`)))!;
        expect(file.type).toBe(1);
        expect(file.tempo).toBeCloseTo(96, 6);
        expect(file.timeSignatures).toEqual([[4, 4]]);
        expect(file.keys).toEqual(['Am']);
        const playing = file.tracks.filter((track) => track.notes.length > 0);
        expect(playing.map((track) => track.name)).toEqual(parts);
        const drums = playing.find((track) => track.name === 'Drums')!;
        expect(drums.channels).toEqual([9]);
        const bass = playing.find((track) => track.name === 'Bass')!;
        expect(bass.programs.every((program) => program >= 32 && program <= 39)).toBe(true);
        const end = 8 * 4 * file.ticksPerBeat;
        expect(file.tracks.map((track) => track.end)).toEqual(file.tracks.map(() => end));
        for (const track of playing) expect(Math.max(...track.notes.map(([, s, d]) => s + d))).toBeLessThanOrEqual(end);
        const pitched = playing.filter((track) => track !== drums).flatMap((track) => track.notes);
        expect(pitched.filter(([pitch]) => !aMinor.has(pitch % 12))).toEqual([]);
      }
    },
  );
});

describe('mosaic music infill', () => {
  it(
    'rewrites bass bars 3–4 and keeps every other note exactly; --json lists what it wrote',
    async () => {
      const source = at('songs', 'song-1.mid');
      const out = at('songs', 'song-2b.mid');
      await run('music', 'infill', source, '--track', 'bass', '--bars', '3-4', '--seed', '2', '--out', out);
      const before = await notesByTrack(source);
      const after = await notesByTrack(out);
      expect([...after.keys()]).toEqual(parts);
      for (const part of ['Melody', 'Chords', 'Drums']) expect(after.get(part)).toEqual(before.get(part));
      // Bars 3–4 counted from 1 are ticks [2 bars, 4 bars).
      const outside = (notes: Note[]) => notes.filter((note) => !inBars(note, 2, 4));
      expect(outside(after.get('Bass')!)).toEqual(outside(before.get('Bass')!));
      const inside = after.get('Bass')!.filter((note) => inBars(note, 2, 4));
      expect(inside.length).toBeGreaterThan(0);
      expect(inside).not.toEqual(before.get('Bass')!.filter((note) => inBars(note, 2, 4)));
      expect(inside.filter((note) => !aMinor.has(note.pitch % 12))).toEqual([]);

      const { stdout } = await run(
        'music',
        'infill',
        source,
        '--track',
        'bass',
        '--bars',
        '3-4',
        '--seed',
        '2',
        '--json',
        '--out',
        at('songs', 'again.mid'),
      );
      const report = JSON.parse(stdout) as ArrangeRun & { files: string[] };
      expect(report.seed).toBe(2);
      expect(report.files).toEqual([at('songs', 'again.mid')]);
      expect(report.result.bars).toBe(8);
      expect(report.result.variations[0]!.filledCells.length).toBe(2);
      // The same seed writes the same file.
      expect(await notesByTrack(at('songs', 'again.mid'))).toEqual(after);
    },
    slow,
  );

  it(
    'writes the bars between two clips: the first clip, 2 new bars, then the second clip',
    async () => {
      for (const [name, seed] of [
        ['a', '3'],
        ['b', '4'],
      ] as const)
        await run(
          'music',
          'arrange',
          '--bars',
          '2',
          '--tracks',
          'melody,bass',
          '--key',
          'A minor',
          '--tempo',
          '96',
          '--seed',
          seed,
          '--out',
          at('between', `${name}.mid`),
        );
      const bridge = at('between', 'bridge.mid');
      await run(
        'music',
        'infill',
        '--between',
        at('between', 'a.mid'),
        at('between', 'b.mid'),
        '--bars',
        '2',
        '--seed',
        '5',
        '--out',
        bridge,
      );
      const first = await notesByTrack(at('between', 'a.mid'));
      const second = await notesByTrack(at('between', 'b.mid'));
      const joined = await notesByTrack(bridge);
      expect([...joined.keys()]).toEqual(['Melody', 'Bass']);
      for (const part of ['Melody', 'Bass']) {
        const notes = joined.get(part)!;
        expect(notes.filter((note) => inBars(note, 0, 2))).toEqual(first.get(part));
        const shifted = second.get(part)!.map((note) => ({ ...note, start: note.start + 4 * bar }));
        expect(notes.filter((note) => inBars(note, 4, 6))).toEqual(shifted);
        expect(notes.filter((note) => inBars(note, 2, 4)).length).toBeGreaterThan(0);
      }
      const midi = new Midi(await readFile(bridge));
      expect(midi.tracks.map((track) => track.endOfTrackTicks)).toEqual(midi.tracks.map(() => 6 * 4 * midi.header.ppq));
    },
    slow,
  );
});

describe('mosaic music harmonize and humanize', () => {
  it(
    'puts chords and bass under a one-track melody and keeps the melody note for note',
    async () => {
      // Four bars of C major (ticks at 480 per beat here, 96 in the file), with held notes, rests and off-grid notes.
      const line = [
        [60, 0, 480],
        [64, 480, 480],
        [67, 960, 960],
        [65, 1920, 240],
        [64, 2160, 240],
        [62, 2400, 960],
        [60, 3840, 720],
        [62, 4560, 160],
        [64, 4720, 200],
        [67, 5760, 480],
        [72, 6240, 1440],
      ] as const;
      const melody = line.map(([pitch, start, duration]) => ({ pitch, start, duration, velocity: 90 }));
      const input = at('harmonize', 'melody.mid');
      await mkdir(at('harmonize'), { recursive: true });
      await writeClip(input, melody, { name: 'Lead', tempo: 104, ppq: 96 });
      const out = at('harmonize', 'harmonized.mid');
      await run('music', 'harmonize', input, '--seed', '6', '--out', out);
      const song = await notesByTrack(out);
      expect([...song.keys()]).toEqual(['Melody', 'Chords', 'Bass']);
      expect(
        song.get('Melody')!.map(({ pitch, start, duration }) => ({ pitch, start, duration, velocity: 90 })),
      ).toEqual(melody);
      expect(song.get('Chords')!.length).toBeGreaterThanOrEqual(4);
      expect(song.get('Bass')!.length).toBeGreaterThanOrEqual(4);
      const midi = new Midi(await readFile(out));
      // 104 bpm is 576,923 µs per beat in the file: 104.00001 read back.
      expect(midi.header.tempos[0]!.bpm).toBeCloseTo(104, 3);
      expect(Math.max(...midi.tracks.map((track) => track.endOfTrackTicks ?? 0))).toBe(4 * 4 * midi.header.ppq);
    },
    slow,
  );

  it(
    'humanizes a quantized drum clip: the same hits on the same 16th steps, with new velocities',
    async () => {
      const hits: Note[] = [];
      for (let step = 0; step < 32; step += 1) {
        const start = step * (beat / 4);
        if (step % 2 === 0) hits.push({ pitch: 42, start, duration: 60, velocity: 100 });
        if (step % 8 === 0) hits.push({ pitch: 36, start, duration: 60, velocity: 100 });
        if (step % 8 === 4) hits.push({ pitch: 38, start, duration: 60, velocity: 100 });
      }
      const input = at('harmonize', 'drums.mid');
      await writeClip(input, hits, { channel: 9, tempo: 100 });
      const out = at('harmonize', 'human.mid');
      await run('music', 'humanize', input, '--seed', '7', '--out', out);
      const human = await notesByTrack(out);
      expect([...human.keys()]).toEqual(['Drums']);
      const drums = human.get('Drums')!;
      const grid = (notes: Note[]) =>
        notes.map((note) => `${note.pitch}@${Math.round(note.start / (beat / 4))}`).sort();
      expect(grid(drums)).toEqual(grid(hits));
      const velocities = new Set(drums.map((note) => note.velocity));
      expect(velocities.size).toBeGreaterThan(3);
      expect(drums.some((note) => note.velocity !== 100)).toBe(true);
      expect(new Midi(await readFile(out)).tracks.find((track) => track.notes.length > 0)!.channel).toBe(9);
    },
    slow,
  );
});

describe('mosaic music: bad input', () => {
  it(
    'refuses each with a usage exit, a message that says what to change, and no file written',
    async () => {
      await mkdir(at('bad'), { recursive: true });
      const empty = at('bad', 'empty.mid');
      await writeClip(empty, [], { name: 'Melody' });
      const waltz = at('bad', 'waltz.mid');
      const threeFour = Array.from({ length: 12 }, (_, i) => ({
        pitch: 60 + (i % 5),
        start: i * beat,
        duration: beat,
        velocity: 90,
      }));
      await writeClip(waltz, threeFour, { name: 'Melody', meter: [3, 4] });
      const song = at('songs', 'song-1.mid');
      const out = at('bad', 'out.mid');
      const cases: [string[], RegExp][] = [
        [['harmonize', empty], /has no notes.*give a file with the notes/],
        [['harmonize', waltz], /3\/4.*4\/4/],
        [['infill', song, '--track', 'guitar', '--bars', '3-4'], /melody, chords, bass, drums, not "guitar"/],
        [['infill', song, '--track', 'bass', '--bars', '9-10'], /outside the 8-bar song: choose bars 1–8/],
        [['arrange', '--bars', '8', '--form', 'AXBA'], /section letters A–H.*not "AXBA"/],
        [
          ['infill', song, '--track', 'bass', '--bars', '3-4', '--map', '0=lead'],
          /--map: the parts are melody, chords, bass, drums, not "lead" \(e\.g\. 0=melody,Piano=chords\)/,
        ],
        [
          ['infill', song, '--track', 'bass', '--bars', '3-4', '--map', '7=melody'],
          /has no track 7; its tracks are 0 /,
        ],
        [['harmonize', at('harmonize', 'drums.mid')], /has no melody track .*name the track that holds it "Melody"/],
      ];
      for (const [args, message] of cases) {
        const result = await outcome('music', ...args, '--out', out, '--wav', at('bad', 'out.wav'));
        expect({ args, code: result.code }).toEqual({ args, code: 64 });
        expect(result.stderr).toMatch(message);
        expect(result.stderr).toMatch(/\[BAD_REQUEST\]/);
        expect(result.stdout).toBe('');
      }
      expect((await readdir(at('bad'))).sort()).toEqual(['empty.mid', 'waltz.mid']);
    },
    slow,
  );
});
