// Song tracks <-> arrange-v1 cell tokens (one list of events per bar of a track), with remi-v1's quantization rules:
// onsets to the nearest 16th (half a step rounds up), values to the nearest token value (ties to the lower one).
import type { ArrangeTrack, ChordSymbol, SongTrack } from '../../../../../contract/arrange.js';
import type { MusicNote } from '../../../../../contract/music.js';
import type { pitchClassNames } from '../../../../../contract/music.js';
import type { ArrangeVocabulary } from './arrange-vocabulary.js';
import { chordsFromNotes, splitAtBars } from './chord-voicing.js';

/** One quantized note of a cell: absolute 16th step, and its three tokens. */
interface QuantizedEvent {
  step: number;
  first: number;
  velocity: number;
  detail: number;
  loudness: number;
  start: number;
}

/** The header's conditioning: style token value, key token value ("A-minor", pitched only), tempo, density per track. */
export interface ArrangeConditions {
  style: string;
  key?: string;
  tempo: number;
  density: Partial<Record<ArrangeTrack, number>>;
}

export class ArrangeTokenizer {
  constructor(readonly vocabulary: ArrangeVocabulary) {}

  get ticksPerBar(): number {
    return this.vocabulary.ticksPerStep * this.vocabulary.spec.stepsPerBar;
  }

  /** The onset step of a tick (half a step rounds up, as in remi-v1). */
  step(tick: number): number {
    const tps = this.vocabulary.ticksPerStep;
    return Math.floor((2 * tick + tps) / (2 * tps));
  }

  /** The bar a note or chord belongs to: that of its quantized onset (its cell). */
  barOf(tick: number): number {
    return Math.floor(this.step(tick) / this.vocabulary.spec.stepsPerBar);
  }

  /** The chord track's symbols: as given, else read from its notes. */
  chordSymbols(track: SongTrack): ChordSymbol[] {
    return track.chords ?? chordsFromNotes(track.notes);
  }

  /** Event tokens of each of `bars` bars of a track: Position, then the notes at it in first-token order. */
  encodeTrack(track: SongTrack, bars: number): number[][] {
    const cells = Array.from({ length: bars }, () => [] as number[]);
    const stepsPerBar = this.vocabulary.spec.stepsPerBar;
    let lastStep = -1;
    for (const event of this.quantize(track)) {
      const bar = Math.floor(event.step / stepsPerBar);
      if (bar >= bars) break;
      if (event.step !== lastStep) cells[bar]!.push(this.vocabulary.id('position', event.step % stepsPerBar));
      lastStep = event.step;
      cells[bar]!.push(event.first, event.velocity, event.detail);
    }
    return cells;
  }

  /** The track's notes (or chord symbols) snapped to the grid and the vocabulary, one per (step, first token value). */
  private quantize(track: SongTrack): QuantizedEvent[] {
    const v = this.vocabulary;
    const tps = v.ticksPerStep;
    const candidates: QuantizedEvent[] = [];
    const [pitchFirst, pitchEnd] = v.span('pitch');
    const lowest = v.numericValue[pitchFirst]!;
    const highest = v.numericValue[pitchEnd - 1]!;
    if (track.track === 'chords') {
      for (const chord of splitAtBars(this.chordSymbols(track), this.ticksPerBar)) {
        const step = this.step(chord.start);
        candidates.push({
          step,
          first: v.id('chord', `${chord.root}:${chord.quality}`),
          velocity: v.nearest('velocity', chord.velocity),
          detail: v.nearest('duration', chord.duration / tps),
          loudness: chord.velocity,
          start: chord.start,
        });
      }
    } else {
      for (const note of track.notes) {
        const step = this.step(note.start);
        let first: number;
        let detail: number;
        if (track.track === 'drums') {
          const key = v.drumMap.get(note.pitch);
          if (key === undefined) continue;
          first = v.id('drum', key);
          detail = v.nearest('offset', (note.start - step * tps) / v.spec.offsetUnitTicks);
        } else {
          if (note.pitch < lowest || note.pitch > highest) continue;
          first = v.id('pitch', note.pitch);
          detail = v.nearest('duration', note.duration / tps);
        }
        const velocity = v.nearest('velocity', note.velocity);
        candidates.push({ step, first, velocity, detail, loudness: note.velocity, start: note.start });
      }
    }
    // Notes at a step in token order, as training writes them (pitch order; drums in the spec's drum order).
    candidates.sort(
      (a, b) =>
        a.step - b.step ||
        (track.track === 'chords' ? 0 : a.first - b.first) ||
        b.loudness - a.loudness ||
        a.start - b.start,
    );
    // One note per (step, value); the chord track holds one chord per step (the first by onset tick, then loudest).
    return candidates.filter((event, index) => {
      const previous = candidates[index - 1];
      if (!previous || previous.step !== event.step) return true;
      return track.track !== 'chords' && previous.first !== event.first;
    });
  }

  /** A cell's notes (melody, bass, drums) from its event tokens; incomplete notes are dropped. */
  decodeNotes(track: Exclude<ArrangeTrack, 'chords'>, bar: number, tokens: readonly number[]): MusicNote[] {
    const v = this.vocabulary;
    const tps = v.ticksPerStep;
    const drums = track === 'drums';
    const defaultSteps = v.spec.tracks.drums.defaultDurationSteps ?? 1;
    return this.events(track, bar, tokens).map(({ step, first, velocity, detail }) =>
      drums
        ? {
            pitch: v.numericValue[first]!,
            start: Math.max(0, step * tps + detail * v.spec.offsetUnitTicks),
            duration: defaultSteps * tps,
            velocity,
          }
        : { pitch: v.numericValue[first]!, start: step * tps, duration: detail * tps, velocity },
    );
  }

  /** A chord cell's symbols from its event tokens. */
  decodeChords(bar: number, tokens: readonly number[]): ChordSymbol[] {
    const v = this.vocabulary;
    return this.events('chords', bar, tokens).map(({ step, first, velocity, detail }) => {
      const [root, quality] = String(v.value(first)).split(':') as [string, ChordSymbol['quality']];
      return {
        start: step * v.ticksPerStep,
        duration: detail * v.ticksPerStep,
        root: root as (typeof pitchClassNames)[number],
        quality,
        velocity,
      };
    });
  }

  /** (absolute step, first token, velocity and detail values) of each complete note among a cell's tokens. */
  private events(track: ArrangeTrack, bar: number, tokens: readonly number[]) {
    const v = this.vocabulary;
    const [firstFamily, velocityFamily, detailFamily] = v.noteFamilies(track);
    const events: { step: number; first: number; velocity: number; detail: number }[] = [];
    let position: number | undefined;
    let first: number | undefined;
    let velocity: number | undefined;
    for (const token of tokens) {
      const family = v.family(token);
      if (family === 'position') {
        position = v.numericValue[token]!;
        first = velocity = undefined;
      } else if (family === firstFamily && position !== undefined) {
        first = token;
        velocity = undefined;
      } else if (family === velocityFamily && first !== undefined && velocity === undefined) {
        velocity = v.numericValue[token]!;
      } else if (family === detailFamily && first !== undefined && velocity !== undefined && position !== undefined) {
        const step = bar * v.spec.stepsPerBar + position;
        events.push({ step, first, velocity, detail: v.numericValue[token]! });
        first = velocity = undefined;
      } else {
        first = velocity = undefined;
      }
    }
    return events;
  }

  /** BOS, Style, Key (when a pitched track is present), Tempo, then Track and Density of each track in spec order. */
  header(tracks: readonly ArrangeTrack[], conditions: ArrangeConditions): number[] {
    const v = this.vocabulary;
    const tokens = [v.special('BOS'), v.id('style', conditions.style)];
    if (tracks.some((track) => track !== 'drums')) tokens.push(v.id('key', conditions.key ?? 'C-major'));
    tokens.push(v.nearest('tempo', conditions.tempo));
    for (const track of tracks) tokens.push(v.trackToken(track), v.nearest('density', conditions.density[track] ?? 1));
    return tokens;
  }
}
