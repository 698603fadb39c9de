// The Arrange workspace's parameters (persisted): parts, length, key and lock, tempo, styles, form, density, sampling,
// variations and seed, plus each lane's mix (General MIDI program, mute, solo) and the metronome.
import {
  arrangeMethods,
  arrangeParamsSchema,
  arrangeTracks,
  defaultTrackPrograms,
  drumStyles,
  melodyStyles,
  pitchClassNames,
  scaleNames,
  type ArrangeTrack,
  type MusicKey,
} from '../../../contract/index.js';
import { oneOf, rangeOf, valueWithin } from './schema-range.js';
import { formSetting } from './song-form-setting.js';

export interface ArrangeSettings {
  /** The parts a new song has, in lane order. */
  tracks: ArrangeTrack[];
  /** 4/4 bars of a new song. */
  bars: number;
  key: MusicKey;
  /** Every pitched note inside the key's scale. */
  keyLock: boolean;
  /** Beats per minute. */
  tempo: number;
  style: (typeof melodyStyles)[number];
  drumStyle: (typeof drumStyles)[number];
  /** Section letters, e.g. "AABA"; "" leaves it to the model (AABA for 4 bars or more). */
  form: string;
  /** Target events per bar per part; null leaves it to the style. */
  density: Record<ArrangeTrack, number | null>;
  temperature: number;
  variations: number;
  /** Unsigned 32-bit: the same seed and parameters give the same song. */
  seed: number;
}

/** One lane's sound: its General MIDI program (drums: the kit on channel 10), and whether it is muted or soloed. */
export interface LaneMix {
  program: number;
  mute: boolean;
  solo: boolean;
}
export type ArrangeMix = Record<ArrangeTrack, LaneMix>;

const fields = arrangeParamsSchema.shape;
const requestFields = arrangeMethods['music.arrange'].request.shape;

export const arrangeRanges = {
  bars: rangeOf(fields.bars),
  tempo: rangeOf(fields.tempo),
  temperature: { ...rangeOf(fields.temperature), step: 0.05 },
  variations: { min: 1, max: 8 },
  seed: rangeOf(requestFields.seed),
  density: { melody: [1, 16], chords: [0.5, 4], bass: [1, 16], drums: [2, 32] } as Record<
    ArrangeTrack,
    [number, number]
  >,
} as const;

/** Where a density slider starts when its Auto is switched off (about the corpus's typical). */
export const densityFallback: Record<ArrangeTrack, number> = { melody: 6, chords: 1, bass: 4, drums: 16 };

export const defaultArrangeSettings: ArrangeSettings = {
  tracks: [...arrangeTracks],
  bars: 8,
  key: { tonic: 'A', scale: 'minor' },
  keyLock: true,
  tempo: 110,
  style: 'pop',
  drumStyle: 'pop',
  form: 'AABA',
  density: { melody: null, chords: null, bass: null, drums: null },
  temperature: 1,
  variations: 3,
  seed: 2024,
};

export const defaultArrangeMix: ArrangeMix = Object.fromEntries(
  arrangeTracks.map((track) => [track, { program: defaultTrackPrograms[track], mute: false, solo: false }]),
) as ArrangeMix;

/** Any value (persisted, damaged, a patch) → valid settings; an invalid field takes the fallback's value. */
export function sanitizeArrangeSettings(
  value: unknown,
  fallback: ArrangeSettings = defaultArrangeSettings,
): ArrangeSettings {
  const candidate = (value ?? {}) as Partial<Record<keyof ArrangeSettings, unknown>>;
  const key = (candidate.key ?? {}) as Partial<Record<keyof MusicKey, unknown>>;
  const tracks = Array.isArray(candidate.tracks)
    ? arrangeTracks.filter((track) => (candidate.tracks as unknown[]).includes(track))
    : fallback.tracks;
  const density = (candidate.density ?? {}) as Partial<Record<ArrangeTrack, unknown>>;
  return {
    tracks: tracks.length > 0 ? tracks : fallback.tracks,
    bars: valueWithin(candidate.bars, arrangeRanges.bars, fallback.bars),
    key: {
      tonic: oneOf(key.tonic, pitchClassNames, fallback.key.tonic),
      scale: oneOf(key.scale, scaleNames, fallback.key.scale),
      ...(key.spelling === 'flat' || key.spelling === 'sharp' ? { spelling: key.spelling } : {}),
    },
    keyLock: typeof candidate.keyLock === 'boolean' ? candidate.keyLock : fallback.keyLock,
    tempo: valueWithin(candidate.tempo, arrangeRanges.tempo, fallback.tempo),
    style: oneOf(candidate.style, melodyStyles, fallback.style),
    drumStyle: oneOf(candidate.drumStyle, drumStyles, fallback.drumStyle),
    form: formSetting(candidate.form, fallback.form),
    density: Object.fromEntries(
      arrangeTracks.map((track) => {
        const [min, max] = arrangeRanges.density[track];
        const given = density[track];
        const step = track === 'chords' ? 0.5 : 1;
        return [
          track,
          given === null || given === undefined
            ? null
            : valueWithin(given, { min, max }, fallback.density[track] ?? min, step),
        ];
      }),
    ) as ArrangeSettings['density'],
    temperature: valueWithin(candidate.temperature, arrangeRanges.temperature, fallback.temperature, 0.01),
    variations: valueWithin(candidate.variations, arrangeRanges.variations, fallback.variations),
    seed: valueWithin(candidate.seed, arrangeRanges.seed, fallback.seed),
  };
}

/** Any value → a valid mix (a lane missing or damaged takes its default). */
export function sanitizeArrangeMix(value: unknown): ArrangeMix {
  const candidate = (value ?? {}) as Partial<Record<ArrangeTrack, Partial<Record<keyof LaneMix, unknown>>>>;
  return Object.fromEntries(
    arrangeTracks.map((track) => {
      const lane = candidate[track] ?? {};
      const fallback = defaultArrangeMix[track];
      return [
        track,
        {
          program: valueWithin(lane.program, { min: 0, max: 127 }, fallback.program),
          mute: typeof lane.mute === 'boolean' ? lane.mute : false,
          solo: typeof lane.solo === 'boolean' ? lane.solo : false,
        },
      ];
    }),
  ) as ArrangeMix;
}

/** The lanes heard: the soloed ones when any is soloed, else every lane not muted. */
export function audibleTracks(mix: ArrangeMix, present: readonly ArrangeTrack[]): ArrangeTrack[] {
  const soloed = present.filter((track) => mix[track].solo);
  return soloed.length > 0 ? soloed : present.filter((track) => !mix[track].mute);
}
