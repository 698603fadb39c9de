// Turns the Arrange settings and the song on screen into the contract calls: arrange, infill (cells), harmonize,
// drums for, continue and humanize.
import {
  arrangeTracks,
  type ArrangeTrack,
  type CellSpan,
  type RequestOf,
  type SongTrack,
} from '../../../contract/index.js';
import type { ArrangeSettings } from './arrange-settings.js';
import type { ArrangeSong, SongTake } from './arrange-song.js';
import { trackOf, tracksWithNotes } from './arrange-song.js';

export const arrangeJobKinds = ['music.arrange', 'music.infill', 'music.harmonize', 'music.humanize'] as const;

/** Bars Continue adds after the song (the model works on songs of up to 32 bars). */
export const continueBars = 4;
export const maxSongBars = 32;

function densityOf(settings: ArrangeSettings): RequestOf<'music.arrange'>['density'] {
  return Object.fromEntries(
    arrangeTracks.filter((track) => settings.density[track] !== null).map((track) => [track, settings.density[track]]),
  );
}

/** Sampling and harmony as the settings say; key, tempo and styles as the song (when given) has them. */
type SongFacts = Pick<ArrangeSong, 'tempo' | 'key' | 'style' | 'drumStyle'>;

function followingFields(settings: ArrangeSettings, song: SongFacts | null) {
  return {
    temperature: settings.temperature,
    lockToScale: settings.keyLock,
    density: densityOf(settings),
    style: song?.style ?? settings.style,
    drumStyle: song?.drumStyle ?? settings.drumStyle,
    tempo: song?.tempo ?? settings.tempo,
    ...(song ? (song.key ? { key: song.key } : {}) : { key: settings.key }),
  };
}

export function arrangeRequestOf(settings: ArrangeSettings): RequestOf<'music.arrange'> {
  return {
    ...followingFields(settings, null),
    bars: settings.bars,
    tracks: settings.tracks,
    ...(settings.form ? { form: settings.form } : {}),
    variations: settings.variations,
    seed: settings.seed,
  };
}

/** The parts of a take as the contract's song input: tracks with notes (chords keep their symbols). */
export function songInputOf(tracks: readonly SongTrack[], bars: number): { tracks: SongTrack[]; bars: number } {
  return { tracks: tracks.filter((track) => track.notes.length > 0), bars };
}

/** Rewrites `cells` of a take, keeping every other note. */
export function infillRequestOf(
  settings: ArrangeSettings,
  song: SongFacts,
  take: Pick<SongTake, 'tracks' | 'bars'>,
  cells: CellSpan[],
  seed: number,
): RequestOf<'music.infill'> {
  return { ...followingFields(settings, song), song: songInputOf(take.tracks, take.bars), cells, variations: 1, seed };
}

/** Continue: `continueBars` more bars of every part the take has (up to 32 bars in all). */
export function continueRequestOf(
  settings: ArrangeSettings,
  song: SongFacts,
  take: Pick<SongTake, 'tracks' | 'bars'>,
  seed: number,
): RequestOf<'music.infill'> | null {
  const bars = Math.min(maxSongBars, take.bars + continueBars);
  const parts = tracksWithNotes(take.tracks);
  if (bars <= take.bars || parts.length === 0) return null;
  const cells = parts.map((track) => ({ track, fromBar: take.bars, toBar: bars - 1 }));
  return { ...followingFields(settings, song), song: songInputOf(take.tracks, bars), cells, variations: 1, seed };
}

/** Chords and bass (or drums) under the take's melody. */
export function harmonizeRequestOf(
  settings: ArrangeSettings,
  song: SongFacts,
  melody: SongTrack,
  bars: number,
  add: ('chords' | 'bass' | 'drums')[],
  seed: number,
): RequestOf<'music.harmonize'> {
  return {
    temperature: settings.temperature,
    lockToScale: settings.keyLock,
    style: song.style,
    drumStyle: song.drumStyle,
    tempo: song.tempo,
    ...(song.key ? { key: song.key } : {}),
    song: { tracks: [melody], bars },
    add,
    variations: 1,
    seed,
  };
}

export function humanizeRequestOf(
  song: Pick<ArrangeSong, 'tempo' | 'drumStyle'>,
  drums: SongTrack,
  bars: number,
  temperature: number,
  seed: number,
): RequestOf<'music.humanize'> {
  return {
    song: { tracks: [drums], bars },
    drumStyle: song.drumStyle,
    tempo: song.tempo,
    variations: 1,
    temperature,
    seed,
  };
}

/** A take with `replaced` parts taken from `from` (the rest kept as they were). */
export function mergeTracks(
  tracks: readonly SongTrack[],
  from: readonly SongTrack[],
  replaced: readonly ArrangeTrack[],
): SongTrack[] {
  return arrangeTracks.flatMap((part) => {
    const source = replaced.includes(part) ? trackOf(from, part) : trackOf(tracks, part);
    return source ? [source] : [];
  });
}
