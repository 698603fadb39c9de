// Contract methods of arranged music: write a multi-track song, rewrite chosen cells of one (or the bars between two
// clips), put chords and bass under a melody, humanize a drum clip, export a song.
import { z } from 'zod';
import { arrangeParamsSchema, arrangeResultSchema, arrangeTracks, cellSpanSchema, songTrackSchema } from './arrange.js';
import { modelSelectorSchema, resolvedModelSchema } from './inference-methods.js';
import { exportFileStemPattern, exportedFileSchema } from './level-methods.js';
import { defineMethod } from './method-spec.js';
import { musicKeySchema } from './music.js';
import { taskTable } from './task-table.js';
import { variationOrderField, variationOrderSchema } from './taste-methods.js';

/** A Standard MIDI File, base64-encoded (at most 1 MiB of MIDI). */
const midiFileSchema = z.string().max(1_400_000).describe('A .mid file, base64-encoded.');
const seedSchema = z.number().int().min(0).max(0xffffffff).optional();
/** The arrange task's default model (the task table's row) unless the request names one. */
const modelSchema = modelSelectorSchema.default({ name: taskTable['music.arrange'].defaultModel });

/** Which file track (index or name) plays which part, for files whose track names say nothing. */
export const trackMapSchema = z
  .record(z.string().max(64), z.enum(arrangeTracks))
  .describe('File track (index or name) → part, e.g. {"0": "melody", "Piano": "chords"}.');

/** A song given as parts (notes in ticks at 480 per beat) or as a MIDI file whose tracks are read as parts. */
export const songInputSchema = z
  .object({
    tracks: z.array(songTrackSchema).min(1).max(4).optional(),
    midi: midiFileSchema.optional(),
    trackMap: trackMapSchema.optional(),
    /** Length in bars (default: up to the bar holding the last note). */
    bars: z.number().int().min(1).max(64).optional(),
  })
  .strict()
  .refine((song) => (song.tracks === undefined) !== (song.midi === undefined), 'give exactly one of tracks or midi');
export type SongInput = z.input<typeof songInputSchema>;

const {
  song: _song,
  fill: _fill,
  humanizeDrums: _humanize,
  seed: _seed,
  ...generationFields
} = arrangeParamsSchema.shape;
/** Conditioning and sampling, as for a new arrangement; tempo and key default to the given song's. */
const followingFields = {
  ...generationFields,
  tempo: z.number().min(30).max(300).optional(),
  key: musicKeySchema.optional(),
};

export const arrangeRunSchema = z.object({
  model: resolvedModelSchema,
  jobId: z.string(),
  seed: z.number().int(),
  result: arrangeResultSchema,
  /** Present when the request asked for an order (`order`): which generated variation each returned one is. */
  order: variationOrderSchema.optional(),
});
export type ArrangeRun = z.infer<typeof arrangeRunSchema>;

/** Whether a run (as History holds runs of every kind) is an arranged song's. */
export function isArrangeRun<Run extends { result: object }>(run: Run | ArrangeRun): run is ArrangeRun {
  return (run.result as { task?: unknown }).task === 'music.arrange';
}

export const arrangeMethods = {
  'music.arrange': defineMethod({
    summary:
      'Writes songs of 1–32 bars with melody, chords, bass and drums (any of them), in a key, style, tempo and form.',
    request: z.object({ ...generationFields, seed: seedSchema, model: modelSchema, ...variationOrderField }).strict(),
    response: arrangeRunSchema,
    http: 'POST',
  }),
  'music.infill': defineMethod({
    summary:
      'Rewrites chosen cells (tracks × bars) of a song, keeping every other note exactly; or writes the bars between two clips.',
    request: z
      .object({
        ...followingFields,
        song: songInputSchema.optional(),
        /** Cells to rewrite (bars 0-based, inclusive). */
        cells: z.array(cellSpanSchema).min(1).max(128).optional(),
        /** Instead of song + cells: the bars between two clips, in every part either clip has. */
        between: z
          .object({ first: songInputSchema, second: songInputSchema, bars: z.number().int().min(1).max(16) })
          .strict()
          .optional(),
        seed: seedSchema,
        model: modelSchema,
      })
      .strict()
      .refine(
        (request) => (request.between !== undefined) !== (request.song !== undefined && request.cells !== undefined),
        'give song and cells, or between',
      ),
    response: arrangeRunSchema,
    http: 'POST',
  }),
  'music.harmonize': defineMethod({
    summary: 'Writes chords and bass (and drums on request) under a melody, keeping the melody note for note.',
    request: z
      .object({
        ...followingFields,
        /** The melody: a song whose melody part is kept (a one-track file is read as the melody). */
        song: songInputSchema,
        /** Parts to write under it. */
        add: z
          .array(z.enum(['chords', 'bass', 'drums']))
          .min(1)
          .default(['chords', 'bass']),
        seed: seedSchema,
        model: modelSchema,
      })
      .strict(),
    response: arrangeRunSchema,
    http: 'POST',
  }),
  'music.humanize': defineMethod({
    summary: 'Gives a quantized drum clip real velocities and micro-timing, keeping every hit where it is.',
    request: z
      .object({
        song: songInputSchema,
        drumStyle: arrangeParamsSchema.shape.drumStyle,
        tempo: z.number().min(30).max(300).optional(),
        variations: arrangeParamsSchema.shape.variations,
        temperature: arrangeParamsSchema.shape.temperature,
        seed: seedSchema,
        model: modelSchema,
      })
      .strict(),
    response: arrangeRunSchema,
    http: 'POST',
  }),
  'music.exportSong': defineMethod({
    summary: 'Exports one variation of an arranged song as a multi-track MIDI file (type 1) or a WAV mix.',
    request: z
      .object({
        result: arrangeResultSchema,
        variation: z.number().int().min(0).max(15).default(0),
        format: z.enum(['mid', 'wav']),
        wavEnd: z.enum(['loop', 'tail']).default('loop'),
        /** Only these parts (default: all the song has), e.g. one lane. */
        tracks: z.array(z.enum(arrangeTracks)).min(1).optional(),
        name: z.string().regex(exportFileStemPattern).default('song'),
      })
      .strict(),
    response: z.object({ files: z.array(exportedFileSchema) }),
    http: 'POST',
  }),
};
