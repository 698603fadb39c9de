// The Music workspace's parameters (persisted): mode, length, sampling, key lock, density, range, style, tempo, kit, seed.
import {
  drumInstruments,
  drumStyles,
  melodyStyles,
  pitchClassNames,
  scaleNames,
  type DrumInstrument,
  type MusicKey,
} from '../../../contract/index.js';

export const musicModes = ['generate', 'continue', 'drums'] as const;
export type MusicMode = (typeof musicModes)[number];
export const musicParts = ['melody', 'drums'] as const;
export type MusicPart = (typeof musicParts)[number];
export type MelodyStyle = (typeof melodyStyles)[number];
export type DrumStyle = (typeof drumStyles)[number];
export const drumInstrumentNames = Object.keys(drumInstruments) as DrumInstrument[];

export interface MusicSettings {
  mode: MusicMode;
  /** The part Continue extends: a melody, or drums. */
  continuePart: MusicPart;
  /** 4/4 bars to generate (Continue: bars added after the primer). */
  bars: number;
  /** Variations generated together, to audition and pick from. */
  variations: number;
  /** Sampling temperature: 0 is greedy, 1 the model's own distribution, 2 wild. */
  temperature: number;
  key: MusicKey;
  /** Every pitch inside the key's scale (a logit mask in the model). */
  keyLock: boolean;
  /** Target notes per bar of a melody; null leaves it to the style (or the primer). */
  melodyDensity: number | null;
  /** Target hits per bar of a groove; null leaves it to the style (or the primer). */
  drumDensity: number | null;
  /** Lowest and highest MIDI note a melody may use, inclusive. */
  pitchRange: { lowest: number; highest: number };
  melodyStyle: MelodyStyle;
  drumStyle: DrumStyle;
  /** Beats per minute. */
  tempo: number;
  /** Kit pieces the drum model may play. */
  instruments: DrumInstrument[];
  /** Bars of the "follow the rhythm of" clip whose onsets the groove repeats, 1–4. */
  followBars: number;
  /** Unsigned 32-bit: the same seed and parameters give the same notes. */
  seed: number;
}

export const musicRanges = {
  bars: { min: 1, max: 32 },
  variations: { min: 1, max: 16 },
  temperature: { min: 0, max: 2, step: 0.05 },
  melodyDensity: { min: 0.5, max: 16, step: 0.5 },
  drumDensity: { min: 2, max: 32, step: 1 },
  pitch: { min: 21, max: 108, span: 7 },
  tempo: { min: 30, max: 300 },
  followBars: { min: 1, max: 4 },
  seed: { min: 0, max: 0xffffffff },
} as const;

export const defaultMusicSettings: MusicSettings = {
  mode: 'generate',
  continuePart: 'melody',
  bars: 8,
  variations: 4,
  temperature: 1,
  key: { tonic: 'A', scale: 'minor' },
  keyLock: true,
  melodyDensity: null,
  drumDensity: null,
  pitchRange: { lowest: 55, highest: 84 },
  melodyStyle: 'pop',
  drumStyle: 'rock',
  tempo: 110,
  instruments: drumInstrumentNames,
  followBars: 1,
  seed: 2024,
};

function clamp(value: unknown, min: number, max: number, fallback: number, step = 1): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  // Rounded to the step, then to 6 decimals, so 0.7 stays 0.7 rather than 0.7000000000000001.
  return Number(Math.min(max, Math.max(min, Math.round(value / step) * step)).toFixed(6));
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

function density(value: unknown, range: { min: number; max: number; step: number }): number | null {
  return value === null || value === undefined ? null : clamp(value, range.min, range.max, range.min, range.step);
}

function pitchRangeOf(value: unknown): MusicSettings['pitchRange'] {
  const { min, max, span } = musicRanges.pitch;
  const candidate = (value ?? {}) as { lowest?: unknown; highest?: unknown };
  const fallback = defaultMusicSettings.pitchRange;
  const lowest = clamp(candidate.lowest, min, max - span + 1, fallback.lowest);
  const highest = clamp(candidate.highest, min, max, fallback.highest);
  return { lowest, highest: Math.max(highest, lowest + span - 1) };
}

/** Accepts anything (an older or damaged persisted value, a half-typed field) and returns valid settings. */
export function sanitizeMusicSettings(value: unknown): MusicSettings {
  const candidate = (value ?? {}) as Partial<Record<keyof MusicSettings, unknown>>;
  const fallback = defaultMusicSettings;
  const ranges = musicRanges;
  const key = (candidate.key ?? {}) as Partial<Record<keyof MusicKey, unknown>>;
  const instruments = Array.isArray(candidate.instruments)
    ? drumInstrumentNames.filter((name) => (candidate.instruments as unknown[]).includes(name))
    : fallback.instruments;
  return {
    mode: oneOf(candidate.mode, musicModes, fallback.mode),
    continuePart: oneOf(candidate.continuePart, musicParts, fallback.continuePart),
    bars: clamp(candidate.bars, ranges.bars.min, ranges.bars.max, fallback.bars),
    variations: clamp(candidate.variations, ranges.variations.min, ranges.variations.max, fallback.variations),
    temperature: clamp(candidate.temperature, 0, 2, fallback.temperature, 0.01),
    key: {
      tonic: oneOf(key.tonic, pitchClassNames, fallback.key.tonic),
      scale: oneOf(key.scale, scaleNames, fallback.key.scale),
      ...(key.spelling === 'flat' || key.spelling === 'sharp' ? { spelling: key.spelling } : {}),
    },
    keyLock: typeof candidate.keyLock === 'boolean' ? candidate.keyLock : fallback.keyLock,
    melodyDensity: density(candidate.melodyDensity, ranges.melodyDensity),
    drumDensity: density(candidate.drumDensity, ranges.drumDensity),
    pitchRange: pitchRangeOf(candidate.pitchRange),
    melodyStyle: oneOf(candidate.melodyStyle, melodyStyles, fallback.melodyStyle),
    drumStyle: oneOf(candidate.drumStyle, drumStyles, fallback.drumStyle),
    tempo: clamp(candidate.tempo, ranges.tempo.min, ranges.tempo.max, fallback.tempo),
    instruments: instruments.length > 0 ? instruments : fallback.instruments,
    followBars: clamp(candidate.followBars, ranges.followBars.min, ranges.followBars.max, fallback.followBars),
    seed: clamp(candidate.seed, ranges.seed.min, ranges.seed.max, fallback.seed),
  };
}

/** The part a run of these settings makes: drums for Drums (and Continue drums), a melody otherwise. */
export function partOf(settings: Pick<MusicSettings, 'mode' | 'continuePart'>): MusicPart {
  if (settings.mode === 'drums') return 'drums';
  return settings.mode === 'continue' ? settings.continuePart : 'melody';
}
