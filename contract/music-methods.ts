// Contract methods of the music domain: generate melodies, continue a clip, drum grooves, export MIDI and WAV.
import { z } from 'zod';
import { modelSelectorSchema, resolvedModelSchema } from './inference-methods.js';
import { exportFileStemPattern, exportedFileSchema } from './level-methods.js';
import { defineMethod } from './method-spec.js';
import { drumsParamsSchema, melodyParamsSchema, musicPrimerSchema, musicResultSchema } from './music.js';
import { taskTable } from './task-table.js';
import { variationOrderField, variationOrderSchema } from './taste-methods.js';

/** The model field of a task's methods: the task's default model unless the request names one. */
const modelOf = (task: 'music.melody' | 'music.drums') =>
  modelSelectorSchema.default({ name: taskTable[task].defaultModel });

/** A Standard MIDI File, base64-encoded (at most 1 MiB of MIDI). */
const midiFileSchema = z.string().max(1_400_000).describe('A .mid file, base64-encoded.');
/** Unsigned 32-bit; a random one is chosen (and returned in the result) when absent, so any result can be replayed. */
const seedSchema = z.number().int().min(0).max(0xffffffff).optional();

function fieldsOf<T extends Record<string, z.ZodType>>(shape: T) {
  const { mode: _mode, seed: _seed, primer: _primer, ...rest } = shape;
  return rest;
}
const melodyFields = fieldsOf(melodyParamsSchema.shape);
const drumsFields = fieldsOf(drumsParamsSchema.shape);

/** A clip to continue: notes (ticks at 480 per beat) or a MIDI file; `track` picks a track of the file. */
const primerFields = {
  primer: musicPrimerSchema.optional(),
  primerMidi: midiFileSchema.optional(),
  track: z.number().int().min(0).max(63).optional(),
};
/** Beats per minute; by default the primer MIDI file's tempo (120 for primer notes). */
const tempoFromPrimer = z.number().min(30).max(300).optional();
const hasPrimer = (request: { primer?: unknown; primerMidi?: unknown }) =>
  request.primer !== undefined || request.primerMidi !== undefined;

export const musicRunSchema = z.object({
  model: resolvedModelSchema,
  jobId: z.string(),
  /** The seed used (also inside the result's parameters): replaying with it gives the same notes. */
  seed: z.number().int(),
  result: musicResultSchema,
  /** Present when the request asked for an order (`order`): which generated variation each returned one is. */
  order: variationOrderSchema.optional(),
});
export type MusicRun = z.infer<typeof musicRunSchema>;

export const musicMethods = {
  'music.generate': defineMethod({
    summary: 'Generates melodies (1–16 variations, 1–32 bars) in a key, locked to its scale, with real velocities.',
    request: z
      .object({ ...melodyFields, seed: seedSchema, model: modelOf('music.melody'), ...variationOrderField })
      .strict(),
    response: musicRunSchema,
    http: 'POST',
  }),
  'music.continue': defineMethod({
    summary: 'Continues a clip (notes or a MIDI file) by 1–32 bars: a melody, or drums with part "drums".',
    request: z.discriminatedUnion('part', [
      z
        .object({
          part: z.literal('melody'),
          ...melodyFields,
          ...primerFields,
          tempo: tempoFromPrimer,
          seed: seedSchema,
          model: modelOf('music.melody'),
        })
        .strict()
        .refine(hasPrimer, 'give primer notes or primerMidi'),
      z
        .object({
          part: z.literal('drums'),
          ...drumsFields,
          ...primerFields,
          tempo: tempoFromPrimer,
          seed: seedSchema,
          model: modelOf('music.drums'),
        })
        .strict()
        .refine(hasPrimer, 'give primer notes or primerMidi'),
    ]),
    response: musicRunSchema,
    http: 'POST',
  }),
  'music.drums': defineMethod({
    summary: 'Generates drum grooves for a tempo and style, optionally following the rhythm of a clip.',
    request: z
      .object({
        ...drumsFields,
        /** A MIDI clip whose onsets the groove follows (its first notes' 16th steps, over `followBars` bars). */
        followMidi: midiFileSchema.optional(),
        followBars: z.number().int().min(1).max(4).default(1),
        seed: seedSchema,
        model: modelOf('music.drums'),
        ...variationOrderField,
      })
      .strict(),
    response: musicRunSchema,
    http: 'POST',
  }),
  'music.export': defineMethod({
    summary:
      'Exports one variation as a Standard MIDI File (type 1, tempo, time and key signature, named track) or a loop-ready WAV.',
    request: z
      .object({
        result: musicResultSchema,
        variation: z.number().int().min(0).max(15).default(0),
        format: z.enum(['mid', 'wav']),
        /**
         * How a WAV ends. "loop" (default): exactly the clip's bars, with the last notes' release mixed back onto the
         * start, so it loops without a gap or click; "tail": the clip followed by 1 s of release, for one-shot playback.
         */
        wavEnd: z
          .enum(['loop', 'tail'])
          .default('loop')
          .describe(
            '"loop": exactly the clip\u2019s length, release folded onto the start; "tail": plus 1 s of release.',
          ),
        /** File name without extension. */
        name: z.string().regex(exportFileStemPattern).default('clip'),
      })
      .strict(),
    response: z.object({ files: z.array(exportedFileSchema) }),
    http: 'POST',
  }),
};
