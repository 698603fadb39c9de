// Turns the Music settings and the dropped clips into the contract call each mode makes (generate, continue, drums).
import type { MusicNote, RequestOf } from '../../../contract/index.js';
import { drumInstrumentNames, melodyFormOf, partOf, type MusicPart, type MusicSettings } from './music-settings.js';

/** A .mid the user dropped or picked (a Continue primer, or the clip whose rhythm Drums follows), read for display. */
export interface MusicClipFile {
  /** The file's name, e.g. "hook.mid". */
  name: string;
  /** The file's bytes, base64-encoded, as the contract takes them. */
  base64: string;
  /** Beats per minute of the file's first tempo event (120 without one). */
  tempo: number;
  /** Notes of each part the file has, at 480 ticks per beat, shifted by whole bars to start in the first bar. */
  parts: Partial<Record<MusicPart, { notes: MusicNote[]; bars: number }>>;
}

export type MusicCall =
  | { method: 'music.generate'; request: RequestOf<'music.generate'> }
  | { method: 'music.continue'; request: RequestOf<'music.continue'> }
  | { method: 'music.drums'; request: RequestOf<'music.drums'> };

export const musicJobKinds = ['music.generate', 'music.continue', 'music.drums'] as const;

/** Why the current settings cannot run yet, or null when they can. */
export function missingInput(settings: MusicSettings, primer: MusicClipFile | null): string | null {
  if (settings.mode !== 'continue') return null;
  if (!primer) return 'Drop or pick a .mid to continue';
  return primer.parts[settings.continuePart] ? null : `The primer has no ${settings.continuePart} notes`;
}

function melodyFields(settings: MusicSettings) {
  const form = melodyFormOf(settings);
  return {
    style: settings.melodyStyle,
    key: settings.key,
    lockToScale: settings.keyLock,
    pitchRange: settings.pitchRange,
    ...(settings.melodyDensity === null ? {} : { density: settings.melodyDensity }),
    ...(form ? { form } : {}),
  };
}

function drumFields(settings: MusicSettings) {
  const everyPiece = settings.instruments.length === drumInstrumentNames.length;
  return {
    style: settings.drumStyle,
    ...(everyPiece ? {} : { instruments: settings.instruments }),
    ...(settings.drumDensity === null ? {} : { density: settings.drumDensity }),
  };
}

/** The call the settings make; throws when `missingInput` says they cannot run. */
export function musicCallOf(
  settings: MusicSettings,
  primer: MusicClipFile | null,
  follow: MusicClipFile | null,
): MusicCall {
  const missing = missingInput(settings, primer);
  if (missing) throw new Error(missing);
  const { bars, variations, temperature, seed, tempo } = settings;
  const common = { bars, variations, temperature, seed, tempo };
  if (settings.mode === 'generate') {
    return { method: 'music.generate', request: { ...common, ...melodyFields(settings) } };
  }
  if (settings.mode === 'drums') {
    const following = follow ? { followMidi: follow.base64, followBars: settings.followBars } : {};
    return { method: 'music.drums', request: { ...common, ...drumFields(settings), ...following } };
  }
  const primerMidi = primer!.base64;
  return partOf(settings) === 'drums'
    ? { method: 'music.continue', request: { part: 'drums', ...common, ...drumFields(settings), primerMidi } }
    : { method: 'music.continue', request: { part: 'melody', ...common, ...melodyFields(settings), primerMidi } };
}
