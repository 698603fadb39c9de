// The Music workspace's parameters (persisted): mode, length, sampling, key lock, density, range, style, form, tempo,
// kit, seed.
import {
  drumInstruments,
  drumStyles,
  melodyParamsSchema,
  melodyStyles,
  musicMethods,
  pitchClassNames,
  scaleNames,
  type DrumInstrument,
  type MusicKey,
} from '../../../contract/index.js';
import { oneOf, rangeOf, valueWithin } from './schema-range.js';
import { formSetting } from './song-form-setting.js';

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
  /**
   * A melody's sections, e.g. "AABA": bars of a repeated letter restate that section. "" = auto (AABA for 4 bars or
   * more, none below: autoMelodyForm); "A" = none.
   */
  form: string;
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

const melodyFields = melodyParamsSchema.shape;
const pitchField = melodyFields.pitchRange.unwrap().shape.lowest;

/** Limits of each parameter: the contract's where the service checks them; steps and density sliders are the UI's. */
export const musicRanges = {
  bars: rangeOf(melodyFields.bars),
  variations: rangeOf(melodyFields.variations),
  temperature: { ...rangeOf(melodyFields.temperature), step: 0.05 },
  melodyDensity: { min: 0.5, max: 16, step: 0.5 },
  drumDensity: { min: 2, max: 32, step: 1 },
  pitch: { ...rangeOf(pitchField), span: 7 },
  tempo: rangeOf(melodyFields.tempo),
  followBars: rangeOf(musicMethods['music.drums'].request.shape.followBars),
  seed: rangeOf(melodyFields.seed),
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
  // Auto: melodies restate their opening as the corpora's do (music-melody alone repeats almost no bar: docs/models.md).
  form: '',
  drumStyle: 'rock',
  tempo: 110,
  instruments: drumInstrumentNames,
  followBars: 1,
  seed: 2024,
};

function density(value: unknown, range: { min: number; max: number; step: number }, fallback: number | null) {
  return value === null || value === undefined ? null : valueWithin(value, range, fallback ?? range.min, range.step);
}

function pitchRangeOf(value: unknown, fallback: MusicSettings['pitchRange']): MusicSettings['pitchRange'] {
  const { min, max, span } = musicRanges.pitch;
  const candidate = (value ?? {}) as { lowest?: unknown; highest?: unknown };
  const lowest = valueWithin(candidate.lowest, { min, max: max - span + 1 }, fallback.lowest);
  const highest = valueWithin(candidate.highest, { min, max }, fallback.highest);
  return { lowest, highest: Math.max(highest, lowest + span - 1) };
}

/**
 * Accepts anything (an older or damaged persisted value, a patch) and returns valid settings: a field that is not
 * valid takes the fallback's value (the defaults on load, the current value for a patch), so 999 bars never becomes 32.
 */
export function sanitizeMusicSettings(value: unknown, fallback: MusicSettings = defaultMusicSettings): MusicSettings {
  const candidate = (value ?? {}) as Partial<Record<keyof MusicSettings, unknown>>;
  const ranges = musicRanges;
  const key = (candidate.key ?? {}) as Partial<Record<keyof MusicKey, unknown>>;
  const instruments = Array.isArray(candidate.instruments)
    ? drumInstrumentNames.filter((name) => (candidate.instruments as unknown[]).includes(name))
    : fallback.instruments;
  return {
    mode: oneOf(candidate.mode, musicModes, fallback.mode),
    continuePart: oneOf(candidate.continuePart, musicParts, fallback.continuePart),
    bars: valueWithin(candidate.bars, ranges.bars, fallback.bars),
    variations: valueWithin(candidate.variations, ranges.variations, fallback.variations),
    temperature: valueWithin(candidate.temperature, ranges.temperature, fallback.temperature, 0.01),
    key: {
      tonic: oneOf(key.tonic, pitchClassNames, fallback.key.tonic),
      scale: oneOf(key.scale, scaleNames, fallback.key.scale),
      ...(key.spelling === 'flat' || key.spelling === 'sharp' ? { spelling: key.spelling } : {}),
    },
    keyLock: typeof candidate.keyLock === 'boolean' ? candidate.keyLock : fallback.keyLock,
    melodyDensity: density(candidate.melodyDensity, ranges.melodyDensity, fallback.melodyDensity),
    drumDensity: density(candidate.drumDensity, ranges.drumDensity, fallback.drumDensity),
    pitchRange: pitchRangeOf(candidate.pitchRange, fallback.pitchRange),
    melodyStyle: oneOf(candidate.melodyStyle, melodyStyles, fallback.melodyStyle),
    form: formSetting(candidate.form, fallback.form),
    drumStyle: oneOf(candidate.drumStyle, drumStyles, fallback.drumStyle),
    tempo: valueWithin(candidate.tempo, ranges.tempo, fallback.tempo),
    instruments: instruments.length > 0 ? instruments : fallback.instruments,
    followBars: valueWithin(candidate.followBars, ranges.followBars, fallback.followBars),
    seed: valueWithin(candidate.seed, ranges.seed, fallback.seed),
  };
}

/** The form "auto" stands for: AABA once there are bars for its four sections, none below. */
export const autoMelodyForm = 'AABA';

/** The form a melody request carries: the one typed, else auto's when the bars hold it (sent explicitly, so History's
 * recipe says it); undefined for none. */
export function melodyFormOf(settings: Pick<MusicSettings, 'form' | 'bars'>): string | undefined {
  if (settings.form) return settings.form;
  return settings.bars >= autoMelodyForm.length ? autoMelodyForm : undefined;
}

/** The part a run of these settings makes: drums for Drums (and Continue drums), a melody otherwise. */
export function partOf(settings: Pick<MusicSettings, 'mode' | 'continuePart'>): MusicPart {
  if (settings.mode === 'drums') return 'drums';
  return settings.mode === 'continue' ? settings.continuePart : 'melody';
}
