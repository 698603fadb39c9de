// What an arrange request asks for, resolved: the cells to write (arrange, infill, harmonize, humanize), the key and
// the header conditions, and which bars restate an earlier section (the form).
import {
  arrangeTracks,
  type ArrangeParams,
  type ArrangeTrack,
  type SongTrack,
} from '../../../../../contract/arrange.js';
import { MosaicError } from '../../../../../contract/index.js';
import type { MusicKey } from '../../../../../contract/music.js';
import { styleDensity as drumStyleDensity } from '../drums-pipeline.js';
import { estimateKey, keyTokenValue } from '../music-theory.js';
import type { ArrangeConditions, ArrangeTokenizer } from './arrange-tokenizer.js';
import { cellKey } from './arrange-grammar-constraint.js';
import { restatedBars } from '../song-form.js';

/**
 * The density each track is conditioned on when neither the request nor the song says, per style: POP909's (melody 4.8;
 * chords as annotated, about 2 per bar; bass from the piano's lowest voice) and Nottingham's (one or two block chords
 * per bar and their roots as bass). A package may calibrate these in its manifest (`defaults.styleDensity`, e.g.
 * `{"folk": {"melody": 6}}`), since how much of the asked density a model writes is the model's. Without it, folk
 * melodies are conditioned on 7.5 notes per bar, music-arrange 1.0.0's calibration: it writes about three quarters of
 * the folk density it is given, and 7.5 gives 5.8 notes per bar (Nottingham 8-bar segments 5.5; conditioned on 5.5 it
 * wrote 3.5).
 */
const styleDensity = {
  pop: { melody: 4.8, chords: 2, bass: 5 },
  folk: { melody: 7.5, chords: 1.5, bass: 1.5 },
} as const;

export interface ArrangePlan {
  params: ArrangeParams;
  /** Tracks of the song, in spec order: the requested ones and any the song brings. */
  tracks: ArrangeTrack[];
  /** The song's tracks by name (empty ones for requested tracks it lacks). */
  song: Map<ArrangeTrack, SongTrack>;
  /** Cells to write, keyed `track:bar`; humanized drum cells among them. */
  fill: Set<string>;
  humanize: Set<string>;
  /** Event tokens of every cell of the song as given (`track:bar`). */
  given: Map<string, number[]>;
  /** The key the request asked for, the one conditioning the model, and the locked one. */
  key?: MusicKey;
  conditionKey: MusicKey;
  lockedKey?: MusicKey;
  /** The form the song follows: the request's, else AABA for a new song of 4 bars or more (none for a given song). */
  form?: string;
  /** Per bar: the bar it restates (same place in the first section with its letter), if any. */
  restates: (number | undefined)[];
  conditions: { pitched: ArrangeConditions; drums: ArrangeConditions };
}

/** The form a new song gets when the request names none: melodies restate their opening, as the corpora's do. */
export const defaultForm = 'AABA';

/** A package's own conditioning densities (`defaults.styleDensity` of its manifest): numbers per style and track. */
export type StyleDensityCalibration = Partial<Record<string, Partial<Record<ArrangeTrack, number>>>>;

/** Reads `defaults.styleDensity` from a manifest's defaults, keeping only positive numbers under known tracks. */
export function styleDensityCalibration(defaults: Readonly<Record<string, unknown>>): StyleDensityCalibration {
  const named = defaults.styleDensity;
  if (typeof named !== 'object' || named === null) return {};
  const calibration: StyleDensityCalibration = {};
  for (const [style, tracks] of Object.entries(named as Record<string, unknown>)) {
    if (typeof tracks !== 'object' || tracks === null) continue;
    const kept: Partial<Record<ArrangeTrack, number>> = {};
    for (const [track, value] of Object.entries(tracks as Record<string, unknown>))
      if ((arrangeTracks as readonly string[]).includes(track) && typeof value === 'number' && value > 0)
        kept[track as ArrangeTrack] = value;
    calibration[style] = kept;
  }
  return calibration;
}

export function planArrangement(
  params: ArrangeParams,
  tokenizer: ArrangeTokenizer,
  calibration: StyleDensityCalibration = {},
): ArrangePlan {
  const { bars } = params;
  const form = params.form ?? (params.song.length === 0 && bars >= defaultForm.length ? defaultForm : undefined);
  const song = new Map<ArrangeTrack, SongTrack>();
  for (const track of params.song) {
    if (song.has(track.track))
      throw new MosaicError('BAD_REQUEST', `The song has two ${track.track} tracks; merge them.`);
    song.set(track.track, track);
  }
  const tracks = arrangeTracks.filter((track) => params.tracks.includes(track) || song.has(track));
  for (const track of tracks) if (!song.has(track)) song.set(track, { track, notes: [] });

  const given = new Map<string, number[]>();
  for (const track of tracks)
    tokenizer.encodeTrack(song.get(track)!, bars).forEach((tokens, bar) => given.set(cellKey(track, bar), tokens));

  const fill = new Set<string>();
  for (const span of params.fill ?? []) {
    if (!params.tracks.includes(span.track))
      throw new MosaicError(
        'BAD_REQUEST',
        `Cannot fill ${span.track}: add it to tracks (${params.tracks.join(', ')}).`,
      );
    if (span.toBar >= bars)
      throw new MosaicError('BAD_REQUEST', `Bars ${span.fromBar}–${span.toBar} are outside the ${bars}-bar song.`);
    for (let bar = span.fromBar; bar <= span.toBar; bar += 1) fill.add(cellKey(span.track, bar));
  }
  if (!params.fill)
    for (const track of params.tracks)
      for (let bar = 0; bar < bars; bar += 1)
        if (given.get(cellKey(track, bar))!.length === 0) fill.add(cellKey(track, bar));

  const humanize = new Set<string>();
  if (params.humanizeDrums) {
    for (let bar = 0; bar < bars; bar += 1) {
      const key = cellKey('drums', bar);
      if (!fill.has(key) && given.get(key)!.length > 0) humanize.add(key);
    }
    if (humanize.size === 0)
      throw new MosaicError('BAD_REQUEST', 'humanizeDrums needs drum notes in the song, outside the cells to fill.');
    for (const key of humanize) fill.add(key);
  }

  const pitchedNotes = tracks
    .filter((track) => track !== 'drums')
    .flatMap((track) => song.get(track)!.notes.filter((note) => note.start < bars * tokenizer.ticksPerBar));
  const conditionKey =
    params.key ?? (pitchedNotes.length > 0 ? estimateKey(pitchedNotes) : { tonic: 'C', scale: 'major' });
  const density = (track: ArrangeTrack): number => {
    const asked = params.density[track];
    if (asked !== undefined) return asked;
    const keptBars = Array.from({ length: bars }, (_, bar) => cellKey(track, bar)).filter((key) => !fill.has(key));
    const keptEvents = keptBars.reduce((sum, key) => sum + eventCount(tokenizer, given.get(key)!), 0);
    if (keptEvents > 0) return keptEvents / keptBars.length;
    if (track === 'drums') return drumStyleDensity[params.drumStyle];
    return calibration[params.style]?.[track] ?? styleDensity[params.style][track];
  };
  const densities = Object.fromEntries(tracks.map((track) => [track, density(track)]));
  return {
    params,
    tracks,
    song,
    fill,
    humanize,
    given,
    ...(params.key ? { key: params.key } : {}),
    conditionKey,
    ...(params.key && params.lockToScale ? { lockedKey: params.key } : {}),
    ...(form ? { form } : {}),
    restates: restatedBars(bars, form),
    conditions: {
      pitched: { style: params.style, key: keyTokenValue(conditionKey), tempo: params.tempo, density: densities },
      drums: { style: params.drumStyle, tempo: params.tempo, density: densities },
    },
  };
}

/** Notes (or chords) among a cell's event tokens: one per velocity token. */
function eventCount(tokenizer: ArrangeTokenizer, tokens: readonly number[]): number {
  return tokens.filter((token) => tokenizer.vocabulary.family(token) === 'velocity').length;
}
