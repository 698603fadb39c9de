// Arranged songs (`music.arrange`): tracks (melody, chords, bass, drums) of 4/4 bars, the cells (track × bar) a request
// fills, and the result. Notes are in ticks at 480 per quarter note, as in music.ts.
import { z } from 'zod';
import { drumStyles, melodyStyles, musicKeySchema, musicNoteSchema, pitchClassNames, songFormSchema } from './music.js';

/** The parts an arrangement can hold, in the order they are written (and drawn). */
export const arrangeTracks = ['melody', 'chords', 'bass', 'drums'] as const;
export type ArrangeTrack = (typeof arrangeTracks)[number];

/** Track names as they appear in MIDI files and the Studio. */
export const arrangeTrackTitles: Record<ArrangeTrack, string> = {
  melody: 'Melody',
  chords: 'Chords',
  bass: 'Bass',
  drums: 'Drums',
};

/** General MIDI programs (0-based) each part is written and previewed with unless the request names others. */
export const defaultTrackPrograms: Record<ArrangeTrack, number> = {
  melody: 0, // Acoustic Grand Piano
  chords: 4, // Electric Piano 1
  bass: 33, // Electric Bass (finger)
  drums: 0, // Standard kit, on channel 10
};

/** Chord qualities of the arrange model's chord track and their intervals above the root (arrange-v1.json). */
export const chordQualities = {
  maj: [0, 4, 7],
  min: [0, 3, 7],
  dim: [0, 3, 6],
  aug: [0, 4, 8],
  sus2: [0, 2, 7],
  sus4: [0, 5, 7],
  '7': [0, 4, 7, 10],
  maj7: [0, 4, 7, 11],
  min7: [0, 3, 7, 10],
  '6': [0, 4, 7, 9],
  min6: [0, 3, 7, 9],
  hdim7: [0, 3, 6, 10],
  dim7: [0, 3, 6, 9],
  '7sus4': [0, 5, 7, 10],
  minmaj7: [0, 3, 7, 11],
} as const satisfies Record<string, readonly number[]>;
export type ChordQuality = keyof typeof chordQualities;
export const chordQualityNames = Object.keys(chordQualities) as [ChordQuality, ...ChordQuality[]];

/** One chord symbol of the chord track; its voiced notes are in the track's `notes`. */
export const chordSymbolSchema = z
  .object({
    /** Onset in ticks from the start of the song. */
    start: z.number().int().min(0),
    duration: z.number().int().min(1),
    root: z.enum(pitchClassNames),
    quality: z.enum(chordQualityNames),
    velocity: z.number().int().min(1).max(127),
  })
  .strict();
export type ChordSymbol = z.infer<typeof chordSymbolSchema>;

export const songTrackSchema = z
  .object({
    track: z.enum(arrangeTracks),
    /** General MIDI program (0-based) for the MIDI file and the WAV preview; drums always play on channel 10. */
    program: z.number().int().min(0).max(127).optional(),
    /** Sounding notes sorted by start (drums: General MIDI percussion keys). */
    notes: z.array(musicNoteSchema).max(20_000),
    /** The chord track's symbols (absent on other tracks; on input, notes are read as chords when absent). */
    chords: z.array(chordSymbolSchema).max(4096).optional(),
  })
  .strict();
export type SongTrack = z.infer<typeof songTrackSchema>;

/** A span of bars of one track, 0-based and inclusive. */
export const cellSpanSchema = z
  .object({
    track: z.enum(arrangeTracks),
    fromBar: z.number().int().min(0).max(63),
    toBar: z.number().int().min(0).max(63),
  })
  .strict()
  .refine((span) => span.fromBar <= span.toBar, 'fromBar must not be after toBar');
export type CellSpan = z.infer<typeof cellSpanSchema>;

/** One cell: a track's bar (0-based). */
export const songCellSchema = z.object({ track: z.enum(arrangeTracks), bar: z.number().int().min(0) }).strict();
export type SongCell = z.infer<typeof songCellSchema>;

/** Song forms: one letter per section (A–H), sections of equal length; a repeated letter restates that section. */
const densitySchema = z.number().min(0.5).max(32);

/** What the `music.arrange` pipeline is asked: write the `fill` cells of a song of `bars` bars, given the rest. */
export const arrangeParamsSchema = z
  .object({
    bars: z.number().int().min(1).max(32).default(8).describe('Song length in 4/4 bars.'),
    /** The parts the song has; cells are filled only in these. */
    tracks: z
      .array(z.enum(arrangeTracks))
      .min(1)
      .max(4)
      .default([...arrangeTracks]),
    /** Material the song already has (kept note for note outside the filled cells). */
    song: z.array(songTrackSchema).max(4).default([]),
    /** Cells to write; default: every cell of `tracks` that `song` leaves empty (a whole new arrangement). */
    fill: z.array(cellSpanSchema).max(128).optional(),
    /** Re-sample velocities and micro-timing of the given drum notes (Magenta's Groove), keeping their hits. */
    humanizeDrums: z.boolean().default(false),
    style: z.enum(melodyStyles).default('pop').describe('pop (POP909-like) or folk (Nottingham-like).'),
    drumStyle: z.enum(drumStyles).default('pop'),
    key: musicKeySchema.optional(),
    lockToScale: z.boolean().default(true),
    /** Bass notes on a bar's downbeat play a tone of the chord the chord track sounds there (when it has one). */
    bassFollowsChords: z
      .boolean()
      .default(true)
      .describe('A downbeat bass note is a tone of the chord sounding there.'),
    /** A chord holds the pitch class of a melody note of a beat or more sounding where the chord starts. */
    chordsFollowMelody: z
      .boolean()
      .default(true)
      .describe('A chord holds a long melody note sounding where it starts.'),
    tempo: z.number().min(30).max(300).default(120),
    form: songFormSchema
      .describe(
        'Sections, e.g. "AABA": a repeated letter restates (and varies) that section; "A" for none. A new song of 4 bars or more is AABA unless told.',
      )
      .optional(),
    /**
     * 0–1: how much of a restated section is kept note for note, openings first; the rest of its melody restates the
     * first half of each bar and goes on anew (a variation). 0: a restated section is written afresh.
     */
    repetition: z.number().min(0).max(1).default(0.25),
    /** Target events per bar per track (notes; chords for the chord track); default: the corpus's typical. */
    density: z
      .object({
        melody: densitySchema.optional(),
        chords: densitySchema.optional(),
        bass: densitySchema.optional(),
        drums: densitySchema.optional(),
      })
      .strict()
      .default({}),
    variations: z.number().int().min(1).max(16).default(1),
    temperature: z.number().min(0).max(2).default(1),
    topK: z.number().int().min(0).max(256).default(0),
    topP: z.number().gt(0).max(1).default(0.98),
    seed: z.number().int().min(0).max(0xffffffff).default(0),
  })
  .strict();
export type ArrangeParams = z.output<typeof arrangeParamsSchema>;

export const arrangeVariationStatsSchema = z.object({
  notes: z.number().int(),
  /** Per track written: notes in its filled cells (tracks with no filled cell are absent). */
  notesPerTrack: z.partialRecord(z.enum(arrangeTracks), z.number().int()),
  /** Melody: bars (of the song, 0-based order) whose pitches and onsets equal an earlier bar's, as a share of bars. */
  repeatedBars: z.number().optional(),
  /** Melody: share of pitch-interval 4-grams that occurred earlier in the song. */
  fourGramSelfSimilarity: z.number().optional(),
  /** Melody notes ≥ 1 beat whose pitch class the chord sounding at their onset holds. */
  chordToneRate: z.number().optional(),
  /** Bass notes on a downbeat whose pitch class the chord sounding there holds. */
  bassDownbeatChordToneRate: z.number().optional(),
  grooveConsistency: z.number().optional(),
  /** Share of pitched notes in the locked key's scale (with lockToScale). */
  inScaleRate: z.number().optional(),
  tokens: z.number().int(),
});

export const arrangeVariationSchema = z.object({
  tracks: z.array(songTrackSchema),
  /** The cells this variation wrote (everything else is the request's song, unchanged). */
  filledCells: z.array(songCellSchema),
  stats: arrangeVariationStatsSchema,
});
export type ArrangeVariation = z.infer<typeof arrangeVariationSchema>;

export const arrangeResultSchema = z.object({
  task: z.literal('music.arrange'),
  ticksPerBeat: z.literal(480),
  tempo: z.number(),
  timeSignature: z.tuple([z.literal(4), z.literal(4)]),
  bars: z.number().int(),
  key: musicKeySchema.optional(),
  style: z.enum(melodyStyles),
  drumStyle: z.enum(drumStyles),
  form: songFormSchema.optional(),
  /** The conditioning tokens of each decoded sequence (pitched tracks, drums). */
  conditioning: z.array(z.array(z.string())),
  variations: z.array(arrangeVariationSchema),
  timing: z.object({ totalMs: z.number(), tokensPerSecond: z.number(), firstBarMs: z.number().optional() }),
});
export type ArrangeResult = z.infer<typeof arrangeResultSchema>;

/**
 * What an arrange job has written so far, carried by its progress events while it decodes: the first variation's song
 * with the cells finished so far (the given notes everywhere else), so a client can draw it bar by bar.
 */
export const partialSongSchema = z.object({
  /** The variation drawn (0: the first; later ones decode after it in each window). */
  variation: z.number().int().min(0),
  /** The song's length in bars (every bar, written or not yet). */
  bars: z.number().int().min(1).max(64),
  /** Bars holding at least one cell finished so far (grows as decoding goes on). */
  writtenBars: z.number().int().min(0),
  tracks: z.array(songTrackSchema),
  /** The cells finished so far, in the order they were written. */
  filledCells: z.array(songCellSchema),
});
export type PartialSong = z.infer<typeof partialSongSchema>;
