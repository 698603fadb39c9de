// music.arrange end to end with real onnxruntime on the tiny-arrange fixture (random weights, arrange-v1 vocabulary,
// 256 positions so that songs decode in windows): arrange with a form, infill, harmonize, humanize, bad input, cancel;
// and once through the forked inference host process.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arrangeResultSchema, type ArrangeResult, type SongTrack } from '../../../contract/arrange.js';
import type { MusicNote } from '../../../contract/music.js';
import { createInProcessRuntime } from '../../../main/inference/in-process-runtime.js';
import { scalePitchClasses } from '../../../main/inference/tasks/music/music-theory.js';
import type { TaskProgress } from '../../../main/inference/tasks/task-pipeline.js';
import { ForkedHostLauncher } from '../../../main/platform/host-process.js';
import { silentLogger } from '../../../main/platform/logger.js';
import { locateResources } from '../../../main/platform/paths.js';
import { InferenceHostSupervisor } from '../../../main/services/inference-host-supervisor/inference-host-supervisor.js';
import { fourTrackSong, tinyArrangeDir } from '../../unit/music/arrange/arrange-fixtures.js';

const progress: TaskProgress[] = [];
const runtime = createInProcessRuntime({ intraOpThreads: 1, onTaskProgress: (_, update) => progress.push(update) });
afterAll(async () => {
  await runtime.dispose();
});
let nextId = 1;
const request = (params: unknown) => ({
  id: nextId++,
  op: 'task' as const,
  task: 'music.arrange',
  modelPath: join(tinyArrangeDir, 'model.onnx'),
  modelDir: tinyArrangeDir,
  maxPositions: 256,
  params,
});
async function arrange(params: unknown): Promise<ArrangeResult> {
  return arrangeResultSchema.parse(await runtime.handle(request(params)));
}

const trackOf = (tracks: readonly SongTrack[], name: string) => tracks.find((track) => track.track === name)!;
const barOf = (note: { start: number }) => Math.floor((2 * note.start + 120) / 240 / 16);
/** Notes of a bar as (onset in the bar, pitch, velocity); drum offsets kept. */
const inBar = (notes: readonly MusicNote[], bar: number) =>
  notes.filter((note) => barOf(note) === bar).map((note) => [note.start - bar * 1920, note.pitch, note.velocity]);

describe('music.arrange on the tiny fixture', () => {
  it('arranges 8 bars of 4 tracks in form AABA: restated sections are copies, reproducible, key-locked', async () => {
    progress.length = 0;
    const params = {
      bars: 8,
      variations: 2,
      seed: 5,
      form: 'AABA',
      repetition: 1,
      key: { tonic: 'A', scale: 'minor' },
    };
    const result = await arrange(params);
    const fractions = progress.flatMap((update) => (update.fraction === undefined ? [] : [update.fraction]));
    expect(await arrange(params)).toMatchObject({ variations: result.variations });
    expect(result.conditioning[0]!.slice(0, 3)).toEqual(['Style_pop', 'Key_A-minor', 'Tempo_120']);
    expect(result.conditioning[1]!.slice(0, 2)).toEqual(['Style_pop', 'Tempo_120']);
    const inScale = scalePitchClasses(result.key!);
    for (const variation of result.variations) {
      expect(variation.filledCells).toHaveLength(32);
      for (const track of variation.tracks) {
        const pitched = track.track === 'drums' ? [] : track.notes;
        for (const note of pitched) expect(inScale[note.pitch % 12], `${track.track} ${note.pitch}`).toBe(true);
        // AABA over 8 bars: bars 2–3 and 6–7 restate bars 0–1 note for note (lengths may be cut by the next onset or the end).
        // Chords restate their symbols (voicings are led from whatever chord precedes them).
        const described = (at: number) =>
          track.track === 'chords'
            ? track
                .chords!.filter((chord) => barOf(chord) === at)
                .map((chord) => [chord.start - at * 1920, chord.root, chord.quality, chord.velocity])
            : inBar(track.notes, at);
        for (const [bar, source] of [
          [2, 0],
          [3, 1],
          [6, 0],
          [7, 1],
        ] as const) {
          expect(described(bar), `${track.track} bar ${bar}`).toEqual(described(source));
        }
        for (const note of track.notes) expect(note.start + note.duration).toBeLessThanOrEqual(8 * 1920);
      }
      expect(variation.stats.inScaleRate).toBe(1);
      expect(variation.stats.repeatedBars).toBeGreaterThanOrEqual(3 / 8);
      expect(variation.stats.notes).toBeGreaterThan(20);
      expect(trackOf(variation.tracks, 'chords').chords!.length).toBeGreaterThan(0);
    }
    expect(JSON.stringify(result.variations[0]!.tracks)).not.toBe(JSON.stringify(result.variations[1]!.tracks));
    // Progress counts cells, up to every cell of every variation.
    expect(fractions.length).toBeGreaterThan(3);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions.at(-1)).toBe(1);
  }, 60_000);

  it('by default restates one opening bar exactly and the other restated melody bars as varied motifs', async () => {
    const result = await arrange({ bars: 8, tracks: ['melody'], variations: 3, seed: 9 });
    expect(result.form).toBe('AABA');
    const onsetAndPitch = (notes: readonly MusicNote[], bar: number) =>
      inBar(notes, bar).map(([onset, pitch]) => [onset, pitch]);
    const firstHalf = (notes: readonly MusicNote[], bar: number) =>
      onsetAndPitch(notes, bar).filter(([onset]) => onset! < 960);
    for (const variation of result.variations) {
      const melody = trackOf(variation.tracks, 'melody').notes;
      // Bar 2 opens the second A: a copy of bar 0. Bars 3, 6, 7 restate the first half of bars 1, 0, 1 and go on anew.
      expect(inBar(melody, 2)).toEqual(inBar(melody, 0));
      for (const [bar, source] of [
        [3, 1],
        [6, 0],
        [7, 1],
      ] as const) {
        expect(firstHalf(melody, bar), `bar ${bar}`).toEqual(firstHalf(melody, source));
        if (onsetAndPitch(melody, source).length > 0)
          expect(onsetAndPitch(melody, bar), `bar ${bar}`).not.toEqual(onsetAndPitch(melody, source));
      }
    }
  });

  it('with repetition 0 a restated section is written afresh', async () => {
    const result = await arrange({ bars: 4, tracks: ['melody'], variations: 3, seed: 2, form: 'AA', repetition: 0 });
    const differing = result.variations.filter((variation) => {
      const melody = trackOf(variation.tracks, 'melody').notes;
      return JSON.stringify(inBar(melody, 2)) !== JSON.stringify(inBar(melody, 0));
    });
    expect(differing.length).toBeGreaterThan(0);
  });

  it('infills cells and keeps every note outside them exactly', async () => {
    const song = fourTrackSong();
    const result = await arrange({
      bars: 4,
      song,
      fill: [
        { track: 'bass', fromBar: 1, toBar: 2 },
        { track: 'melody', fromBar: 3, toBar: 3 },
      ],
      variations: 2,
      seed: 9,
    });
    for (const variation of result.variations) {
      expect(variation.filledCells).toEqual([
        { track: 'melody', bar: 3 },
        { track: 'bass', bar: 1 },
        { track: 'bass', bar: 2 },
      ]);
      const filled = new Set(variation.filledCells.map((cell) => `${cell.track}:${cell.bar}`));
      for (const given of song) {
        const out = trackOf(variation.tracks, given.track);
        const kept = given.notes.filter((note) => !filled.has(`${given.track}:${barOf(note)}`));
        expect(out.notes.filter((note) => !filled.has(`${given.track}:${barOf(note)}`))).toEqual(kept);
      }
      expect(Object.keys(variation.stats.notesPerTrack).sort()).toEqual(['bass', 'melody']);
    }
  });

  it('harmonizes a melody: chords and bass under it, the melody note for note', async () => {
    const melody = fourTrackSong()[0]!;
    const result = await arrange({
      bars: 4,
      tracks: ['melody', 'chords', 'bass'],
      song: [melody],
      fill: [
        { track: 'chords', fromBar: 0, toBar: 3 },
        { track: 'bass', fromBar: 0, toBar: 3 },
      ],
      seed: 1,
    });
    const variation = result.variations[0]!;
    expect(trackOf(variation.tracks, 'melody').notes).toEqual(melody.notes);
    // No key asked for: the melody's estimate conditions the model and nothing claims a key.
    expect(result.conditioning[0]).toContain('Key_C-major');
    expect(result.key).toBeUndefined();
    expect(result.conditioning).toHaveLength(1);
    expect(variation.filledCells).toHaveLength(8);
  });

  it('humanizes drums: the same hits with new velocities and micro-timing', async () => {
    const drums = fourTrackSong()[3]!;
    const result = await arrange({ bars: 4, tracks: ['drums'], song: [drums], humanizeDrums: true, seed: 4 });
    const notes = trackOf(result.variations[0]!.tracks, 'drums').notes;
    const hits = (list: readonly MusicNote[]) =>
      list.map((note) => `${Math.floor((2 * note.start + 120) / 240)}:${note.pitch}`).sort();
    expect(hits(notes)).toEqual(hits(drums.notes));
    expect(new Set(notes.map((note) => note.velocity)).size).toBeGreaterThan(2);
    expect(notes.some((note) => note.start % 120 !== 0)).toBe(true);
  });

  it('refuses bad requests with coded errors that say what to change', async () => {
    const bad = [
      { bars: 4, fill: [{ track: 'bass', fromBar: 3, toBar: 5 }] },
      { bars: 4, tracks: ['melody'], fill: [{ track: 'bass', fromBar: 0, toBar: 1 }] },
      { bars: 2, form: 'AABA' },
      { bars: 4, form: 'AXA' },
      { bars: 4, tracks: ['drums'], humanizeDrums: true },
    ];
    for (const params of bad) await expect(arrange(params)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('stops when cancelled', async () => {
    const id = nextId;
    const running = runtime.handle(request({ bars: 16, variations: 4, seed: 3 }));
    await new Promise((resolve) => setImmediate(resolve));
    await runtime.handle({ id: nextId++, op: 'cancel', targetId: id });
    const result = arrangeResultSchema.parse(await running);
    expect(result.variations[0]!.filledCells.length).toBeLessThan(64);
  });
});

describe('music.arrange through the inference host process', () => {
  const resources = locateResources();
  let host: InferenceHostSupervisor;
  beforeAll(async () => {
    host = new InferenceHostSupervisor({
      launcher: new ForkedHostLauncher(),
      entry: resources.inferenceHostEntry,
      env: { PATH: process.env.PATH, MOSAIC_PROBE_MODEL: resources.probeModel, MOSAIC_EP: 'cpu' },
      logger: silentLogger,
    });
    await host.start();
  });
  afterAll(async () => {
    await host.dispose();
  });

  it('is registered and answers a whole arrangement', async () => {
    const { id: _, ...task } = request({ bars: 4, seed: 7, style: 'folk', drumStyle: 'funk' });
    const result = arrangeResultSchema.parse(await host.request(task));
    expect(result.variations[0]!.filledCells).toHaveLength(16);
    expect(result.conditioning.map((tokens) => tokens[0])).toEqual(['Style_folk', 'Style_funk']);
  });
});
