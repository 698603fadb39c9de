// Music tasks (`music.melody`, `music.drums`): their parameters and results, in ticks at 480 per quarter note.
import { z } from 'zod';
import { musicKeySchema, musicKeyValueSchema } from './music-keys.js';

/** Ticks per quarter note of every note in these schemas (and of the MIDI files written from them). */
export const musicTicksPerBeat = 480;
/** Bars are 4/4: 4 beats, 16 sixteenth steps. */
export const musicTicksPerBar = 4 * musicTicksPerBeat;

export const musicNoteSchema = z
  .object({
    /** MIDI note number; for drums the General MIDI percussion key. */
    pitch: z.number().int().min(0).max(127),
    /** Onset in ticks (480 per quarter note) from the start of the clip. */
    start: z.number().int().min(0),
    /** Length in ticks (480 per quarter note). */
    duration: z.number().int().min(1),
    /** MIDI velocity, 1–127. */
    velocity: z.number().int().min(1).max(127),
  })
  .strict();
export type MusicNote = z.infer<typeof musicNoteSchema>;

export {
  describeKey,
  flatPitchClassNames,
  keySignature,
  keyOfSignature,
  musicKeySchema,
  musicKeyValueSchema,
  parseMusicKey,
  pitchClassNames,
  scaleNames,
  tonicName,
  tonicNames,
  tonicSpellings,
  type MusicKey,
  type PitchClassName,
  type ScaleName,
  type TonicSpelling,
} from './music-keys.js';

export const melodyStyles = ['pop', 'folk'] as const;
export const drumStyles = [
  'rock',
  'funk',
  'jazz',
  'latin',
  'hiphop',
  'soul',
  'afrocuban',
  'punk',
  'neworleans',
  'country',
  'pop',
  'reggae',
  'gospel',
  'afrobeat',
  'dance',
  'blues',
  'highlife',
  'middleeastern',
] as const;
/** The drum kit pieces the drum model plays, as General MIDI percussion keys. */
export const drumInstruments = {
  kick: 36,
  'side-stick': 37,
  snare: 38,
  'closed-hihat': 42,
  'pedal-hihat': 44,
  'open-hihat': 46,
  'low-tom': 43,
  'mid-tom': 47,
  'high-tom': 50,
  crash: 49,
  ride: 51,
} as const;
export type DrumInstrument = keyof typeof drumInstruments;

/** A clip to continue: notes in ticks at 480 per quarter note, bar-aligned (the first bar starts at tick 0). */
export const musicPrimerSchema = z
  .object({
    notes: z.array(musicNoteSchema).min(1).max(4096),
    /** Length of the primer in 4/4 bars; continuation starts after it (default: the bar after the last note). */
    bars: z.number().int().min(1).max(64).optional(),
  })
  .strict();

const commonParams = {
  /** Bars to generate (continue: bars added after the primer). */
  bars: z.number().int().min(1).max(32).default(8).describe('Bars to generate, 4/4.'),
  variations: z.number().int().min(1).max(16).default(1).describe('Independent variations, decoded together.'),
  temperature: z.number().min(0).max(2).default(1).describe('Sampling temperature; 0 is greedy.'),
  topK: z.number().int().min(0).max(256).default(0).describe('Keep the k most likely tokens (0 = all).'),
  topP: z.number().gt(0).max(1).default(0.98).describe('Nucleus sampling mass (1 = all).'),
  seed: z.number().int().min(0).max(0xffffffff).default(0).describe('Variation i uses stream (seed, i).'),
  /** Target notes per 4/4 bar (the model's density condition); default: from the primer, else the style's typical. */
  density: z.number().min(0.5).max(32).optional().describe('Notes per bar.'),
  /** Beats per minute, written to the MIDI file and used as a condition. */
  tempo: z.number().min(30).max(300).default(120).describe('Beats per minute.'),
  primer: musicPrimerSchema.optional().describe('Required for mode "continue".'),
};

/** Sections of a song or clip, e.g. "AABA": a repeated letter restates an earlier section. */
export const songFormSchema = z.string().regex(/^[A-H]{1,16}$/, 'a form is 1–16 section letters A–H, e.g. "AABA"');

export const melodyParamsSchema = z
  .object({
    mode: z.enum(['generate', 'continue']).default('generate'),
    ...commonParams,
    /**
     * Sections of the bars generated (a primer's bars not counted): sections are floor(bars / letters) bars long, and a
     * bar of a repeated letter restates the same bar of that letter's first section. None when absent: every bar anew.
     */
    form: songFormSchema
      .describe('Sections, e.g. "AABA": a repeated letter restates (and varies) that section. None unless given.')
      .optional(),
    /**
     * 0–1, with a form: the share of restated bars kept note for note (openings of sections first); the others restate
     * the first half of their source bar and go on anew. 0: a restated bar keeps only its first half.
     */
    repetition: z
      .number()
      .min(0)
      .max(1)
      .default(0.25)
      .describe('With a form: share of restated bars copied note for note; the rest restate their first half.'),
    style: z.enum(melodyStyles).default('pop').describe('pop (POP909-like) or folk (Nottingham-like).'),
    /** Key the melody is conditioned on; with `lockToScale` every pitch is in its scale. Default: estimated from the primer, else C major. */
    key: musicKeySchema.optional(),
    lockToScale: z.boolean().default(true).describe('Mask every pitch outside the key\u2019s scale (needs key).'),
    /** Lowest and highest MIDI note allowed (inclusive). */
    pitchRange: z
      .object({ lowest: z.number().int().min(21).max(108), highest: z.number().int().min(21).max(108) })
      .strict()
      .refine((range) => range.lowest + 6 <= range.highest, 'the range must span at least 7 semitones')
      .optional(),
  })
  .strict()
  .refine((params) => params.mode !== 'continue' || params.primer, 'mode "continue" needs a primer');
export type MelodyParams = z.output<typeof melodyParamsSchema>;

export const drumsParamsSchema = z
  .object({
    mode: z.enum(['generate', 'continue']).default('generate'),
    ...commonParams,
    style: z.enum(drumStyles).default('rock'),
    /** Onsets to follow: 16th steps from the start of a pattern of `bars` bars, repeated; every hit lands on one. */
    rhythm: z
      .object({
        steps: z.array(z.number().int().min(0).max(63)).min(1).max(64),
        bars: z.number().int().min(1).max(4).default(1),
      })
      .strict()
      .refine((rhythm) => rhythm.steps.every((step) => step < rhythm.bars * 16), 'steps must fall inside the pattern')
      .optional(),
    /** Kit pieces allowed (default: all). */
    instruments: z
      .array(z.enum(Object.keys(drumInstruments) as [DrumInstrument, ...DrumInstrument[]]))
      .min(1)
      .optional(),
  })
  .strict()
  .refine((params) => params.mode !== 'continue' || params.primer, 'mode "continue" needs a primer');
export type DrumsParams = z.output<typeof drumsParamsSchema>;

export const musicVariationStatsSchema = z.object({
  notes: z.number().int(),
  notesPerBar: z.number(),
  /** Bits; −Σ p log2 p over the 12 pitch classes (melody). */
  pitchClassEntropy: z.number().optional(),
  /** Share of notes in the best of the 24 major/minor scales (melody). */
  scaleConsistency: z.number().optional(),
  /** The key the generated notes are in, detected from them (melody; modes included): not a key the model was given. */
  detectedKey: musicKeyValueSchema.optional(),
  /** Share (0–1) of the generated notes' duration inside the detected key's scale. */
  detectedKeyFit: z.number().optional(),
  /** Share of notes in the locked scale (melody with a key lock). */
  inScaleRate: z.number().optional(),
  /** Melody: share of the generated bars whose pitches and onsets equal an earlier generated bar's. */
  repeatedBars: z.number().optional(),
  /** Melody: share of pitch 4-grams of the generated notes that occurred earlier among them. */
  fourGramSelfSimilarity: z.number().optional(),
  /** 1 − mean Hamming distance of consecutive bars' onsets / 16 (drums). */
  grooveConsistency: z.number().optional(),
  velocityMin: z.number().int(),
  velocityMax: z.number().int(),
  /** Tokens the model generated for this variation. */
  tokens: z.number().int(),
});

export const musicVariationSchema = z.object({
  /** Primer notes (unchanged) first, then the generated ones, sorted by start. */
  notes: z.array(musicNoteSchema),
  /** How many of `notes` are the primer's. */
  primerNotes: z.number().int().min(0),
  stats: musicVariationStatsSchema,
});
export type MusicVariation = z.infer<typeof musicVariationSchema>;

export const musicResultSchema = z.object({
  task: z.enum(['music.melody', 'music.drums']),
  ticksPerBeat: z.literal(musicTicksPerBeat),
  /** Beats per minute. */
  tempo: z.number(),
  timeSignature: z.tuple([z.literal(4), z.literal(4)]),
  /** Total length in bars (primer + generated). */
  bars: z.number().int(),
  /** Tick at which generated material starts (0 without a primer). */
  generatedFromTick: z.number().int(),
  /**
   * The key the request asked for (melody): the model's key condition, and its lock with lockToScale. Absent when no
   * key was given: each variation's stats then say which key its notes are in (detectedKey).
   */
  key: musicKeySchema.optional(),
  /** The form the generated bars follow (melody), when the request gave one. */
  form: songFormSchema.optional(),
  /** The conditioning tokens the model saw, e.g. ["Style_pop", "Key_A-minor", "Tempo_120", "Density_4"]. */
  conditioning: z.array(z.string()),
  variations: z.array(musicVariationSchema),
  /** Wall time in the inference host, in milliseconds, and the decoder's throughput in tokens per second. */
  timing: z.object({ totalMs: z.number(), tokensPerSecond: z.number(), windows: z.number().int() }),
});
export type MusicResult = z.infer<typeof musicResultSchema>;
