// Keys by name: tonics in either spelling (Bb = A#), the scales the key lock knows, the key schema that normalizes both, and a key's signature.
import { z } from 'zod';

/** The twelve pitch classes as the engine stores them (C = 0); flats are normalized to these. */
export const pitchClassNames = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'] as const;
/** The same pitch classes spelled with flats. */
export const flatPitchClassNames = ['C', 'Db', 'D', 'Eb', 'E', 'F', 'Gb', 'G', 'Ab', 'A', 'Bb', 'B'] as const;
/** The seventeen tonic names a key may be given with (both spellings of each black key). */
export const tonicNames = [
  'C',
  'C#',
  'Db',
  'D',
  'D#',
  'Eb',
  'E',
  'F',
  'F#',
  'Gb',
  'G',
  'G#',
  'Ab',
  'A',
  'A#',
  'Bb',
  'B',
];
export type PitchClassName = (typeof pitchClassNames)[number];

/** Scales the key lock knows; each maps to the major or minor key token the models are conditioned on. */
export const scaleNames = [
  'major',
  'minor',
  'harmonic-minor',
  'melodic-minor',
  'dorian',
  'phrygian',
  'lydian',
  'mixolydian',
  'pentatonic-major',
  'pentatonic-minor',
  'blues',
] as const;
export type ScaleName = (typeof scaleNames)[number];
export const tonicSpellings = ['sharp', 'flat'] as const;
export type TonicSpelling = (typeof tonicSpellings)[number];

/** A key as stored: the tonic's pitch class in sharps, the scale, and the spelling the user wrote the tonic in. */
export const musicKeyValueSchema = z
  .object({
    tonic: z
      .enum(pitchClassNames)
      .describe('Tonic pitch class, e.g. "A" or "F#" (a flat given is stored as its sharp).'),
    scale: z.enum(scaleNames),
    /** How to spell a black-key tonic when showing it ("flat": Bb); absent: the conventional spelling for the key. */
    spelling: z.enum(tonicSpellings).optional(),
  })
  .strict();
export type MusicKey = z.output<typeof musicKeyValueSchema>;

const letters: Record<string, number> = { c: 0, d: 2, e: 4, f: 5, g: 7, a: 9, b: 11 };
const scaleAliases: Record<string, ScaleName> = {
  '': 'major',
  maj: 'major',
  ionian: 'major',
  m: 'minor',
  min: 'minor',
  aeolian: 'minor',
  'natural-minor': 'minor',
  harmonic: 'harmonic-minor',
  melodic: 'melodic-minor',
};

/** A tonic in any usual spelling: "Bb", "bb", "B♭", "A#", "a♯", "Bflat" → its pitch class and the spelling used. */
export function parseTonic(text: string): { pitchClass: number; spelling?: TonicSpelling } | undefined {
  const match = /^([a-g])\s*(#|♯|-?sharp|b|♭|-?flat)?$/i.exec(text.trim());
  if (!match) return undefined;
  const accidental = match[2]?.toLowerCase();
  const step = !accidental ? 0 : /^(#|♯|-?sharp)$/.test(accidental) ? 1 : -1;
  const pitchClass = (letters[match[1]!.toLowerCase()]! + step + 12) % 12;
  return step === 0 ? { pitchClass } : { pitchClass, spelling: step > 0 ? 'sharp' : 'flat' };
}

/** A scale name as people write it: "Dorian", "harmonic minor", "pentatonic_major", "aeolian", "m". */
export function parseScale(text: string): ScaleName | undefined {
  const normalized = text
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
  return (scaleNames as readonly string[]).includes(normalized) ? (normalized as ScaleName) : scaleAliases[normalized];
}

const keyHint = `say a key like "A minor", "Bb major", "F# dorian" or "Ebm" (scales: ${scaleNames.join(', ')})`;

/** Reads "Bb minor", "A# minor", "bb", "B♭ dorian", "F#m"; the error says what to write instead. */
export function parseMusicKey(input: string | { tonic: string; scale?: string; spelling?: TonicSpelling }): MusicKey {
  const readings =
    typeof input === 'string' ? readingsOf(input) : [{ tonicText: input.tonic, scaleText: input.scale ?? '' }];
  if (readings.length === 0) throw new Error(`"${String(input)}" is not a key: ${keyHint}.`);
  if (!parseTonic(readings[0]!.tonicText))
    throw new Error(`"${readings[0]!.tonicText}" is not a tonic (use C, C#, Db, D, … B): ${keyHint}.`);
  const reading = readings.find((candidate) => parseScale(candidate.scaleText) !== undefined);
  if (!reading) throw new Error(`"${readings[0]!.scaleText}" is not a scale the key lock knows: ${keyHint}.`);
  const scale = parseScale(reading.scaleText)!;
  const readTonic = parseTonic(reading.tonicText)!;
  const spelling = (typeof input === 'string' ? undefined : input.spelling) ?? readTonic.spelling;
  return { tonic: pitchClassNames[readTonic.pitchClass]!, scale, ...(spelling ? { spelling } : {}) };
}

/** "Bb minor" as tonic and scale; "B blues" is tried as B♭ "lues" first, then as B "blues". */
function readingsOf(text: string): { tonicText: string; scaleText: string }[] {
  const match = /^\s*([a-g])\s*(#|♯|♭|-?sharp|-?flat|b)?[\s_-]*(.*?)\s*$/i.exec(text);
  if (!match) return [];
  const [, letter, accidental, rest] = match as unknown as [string, string, string | undefined, string];
  const plain = { tonicText: letter, scaleText: `${accidental ?? ''}${rest}` };
  return accidental ? [{ tonicText: `${letter}${accidental}`, scaleText: rest }, plain] : [plain];
}

/** A key as text ("Bb minor") or as { tonic, scale } in either spelling; stored normalized (contract/music-keys.ts). */
export const musicKeySchema = z
  .union([
    z.string().max(40).describe('A key such as "A minor", "Bb major", "F# dorian".'),
    z
      .object({
        tonic: z
          .string()
          .max(12)
          .describe(`Tonic: ${tonicNames.join(', ')} (either spelling).`),
        scale: z
          .string()
          .max(30)
          .optional()
          .describe(`One of ${scaleNames.join(', ')} (default major).`),
        spelling: z.enum(tonicSpellings).optional(),
      })
      .strict(),
  ])
  .transform((input, context) => {
    try {
      return parseMusicKey(input);
    } catch (error) {
      context.addIssue({ code: 'custom', message: (error as Error).message });
      return z.NEVER;
    }
  })
  .pipe(musicKeyValueSchema);

/** Semitones from a scale's tonic to the tonic of the major key whose signature it is written with, and whether it reads as minor. */
const signatureFamily: Record<ScaleName, { toMajor: number; minor: boolean }> = {
  major: { toMajor: 0, minor: false },
  'pentatonic-major': { toMajor: 0, minor: false },
  lydian: { toMajor: 7, minor: false },
  mixolydian: { toMajor: 5, minor: false },
  dorian: { toMajor: 10, minor: false },
  phrygian: { toMajor: 8, minor: false },
  minor: { toMajor: 3, minor: true },
  'harmonic-minor': { toMajor: 3, minor: true },
  'melodic-minor': { toMajor: 3, minor: true },
  'pentatonic-minor': { toMajor: 3, minor: true },
  blues: { toMajor: 3, minor: true },
};

/**
 * The key signature a key is written with, as a MIDI key-signature event holds it: sharps (> 0) or flats (< 0), and
 * minor. Modes take their relative major's (D dorian: none, major); the minor family its relative minor's (A minor: none,
 * minor). A black-key tonic spelled by the user keeps that spelling where a signature exists (A# minor: 7 sharps);
 * otherwise the one with fewer accidentals (F# over Gb on a tie).
 */
export function keySignature(key: MusicKey): { sharpsOrFlats: number; minor: boolean } {
  const family = signatureFamily[key.scale];
  const major = (pitchClassNames.indexOf(key.tonic) + family.toMajor) % 12;
  const sharps = (major * 7) % 12;
  const flats = (12 - sharps) % 12;
  const conventional = sharps <= 6 ? sharps : -flats;
  const sharpsOrFlats =
    key.spelling === 'sharp' && sharps <= 7 && isBlack(key.tonic)
      ? sharps
      : key.spelling === 'flat' && flats <= 7 && isBlack(key.tonic)
        ? -flats
        : conventional;
  return { sharpsOrFlats, minor: family.minor };
}

/**
 * The key a MIDI key-signature event names (sharps > 0 or flats < 0, and minor): a major or minor key, its black-key
 * tonic spelled as the signature spells it (-3 minor: C minor; 6 major: F# major; -6 major: Gb major).
 */
export function keyOfSignature(sharpsOrFlats: number, minor: boolean): MusicKey {
  const major = (((sharpsOrFlats * 7) % 12) + 12) % 12;
  const tonic = pitchClassNames[minor ? (major + 9) % 12 : major]!;
  const spelling = isBlack(tonic) ? (sharpsOrFlats < 0 ? 'flat' : 'sharp') : undefined;
  return { tonic, scale: minor ? 'minor' : 'major', ...(spelling ? { spelling } : {}) };
}

function isBlack(tonic: PitchClassName): boolean {
  return tonic.length > 1;
}

/** The tonic as the user spelled it, else as its key signature spells it ("Bb" for A# minor, "F#" for F# major). */
export function tonicName(key: MusicKey): string {
  const index = pitchClassNames.indexOf(key.tonic);
  const flat = key.spelling ? key.spelling === 'flat' : keySignature(key).sharpsOrFlats < 0;
  return flat ? flatPitchClassNames[index]! : pitchClassNames[index]!;
}

/** "Bb minor", "F# dorian", "C pentatonic major". */
export function describeKey(key: MusicKey): string {
  return `${tonicName(key)} ${key.scale.replace('-', ' ')}`;
}
