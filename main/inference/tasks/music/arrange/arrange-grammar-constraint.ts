// The fills of an arrange-v1 sequence as a token constraint: after Sep it forces Fill_k, then lets the cell's events
// follow (the current track's note families, positions strictly increasing, notes sorted at a position, key lock) up to
// End, then Fill_k+1, and EOS after the last; restated cells and humanized drum cells are forced token by token.
import type { ArrangeTrack, ChordQuality } from '../../../../../contract/arrange.js';
import { pitchClassNames } from '../../../../../contract/music.js';
import type { TokenConstraint } from '../../../decoding/token-constraint.js';
import type { ArrangeVocabulary } from './arrange-vocabulary.js';
import { chordPitchClasses } from './chord-voicing.js';
import { sameOnsetsAndPitches } from '../token-families.js';

/** One cell to write, in sequence order. */
export interface CellPlan {
  track: ArrangeTrack;
  bar: number;
  /** Copy the events of this cell key (`track:bar`) note for note, when the row has them (a restated section). */
  copyOf?: string;
  /**
   * Restate the motif of this cell key: its events in the first half of the bar forced note for note, the rest of the
   * bar written freely after them (a varied restatement: the motif comes back, its continuation changes).
   */
  motifOf?: string;
  /**
   * Play the pattern of this cell key (drums): its positions and kit pieces forced, velocities and micro-timing
   * sampled afresh, so a groove repeats as a drummer repeats it, never as a loop of identical hits.
   */
  patternOf?: string;
  /**
   * A script to follow (humanize): per token, the [from, to) range of ids allowed (one id: forced). End is added.
   * Used when it fits the token budget; otherwise the cell is written freely.
   */
  script?: readonly (readonly [number, number])[];
}

export interface ArrangeGrammarOptions {
  cells: readonly CellPlan[];
  /** 1 for every first-token (pitch, chord, drum) a track may use: its range and the key lock. */
  allowedFirst: Readonly<Record<ArrangeTrack, Uint8Array>>;
  maxNotesPerCell: Readonly<Record<ArrangeTrack, number>>;
  /** Tokens this row may generate (the decoder's maxNewTokens): notes stop early enough to close every cell. */
  budget: number;
  /** The row's events of cells written or known so far, keyed `track:bar`; finished cells are added to it. */
  rowCells: Map<string, number[]>;
  /** Bass on a downbeat plays a tone of the chord at that bar's start (from the row's chord cell of the bar). */
  bassFollowsChords?: boolean;
  /** A chord holds the pitch class of a melody note of a beat or more sounding where it starts (the row's melody). */
  chordsFollowMelody?: boolean;
}

type Phase = 'fill' | 'cell' | 'first' | 'velocity' | 'detail' | 'note' | 'eos' | 'done';

export const cellKey = (track: ArrangeTrack, bar: number): string => `${track}:${bar}`;

const chordMasksByVocabulary = new WeakMap<ArrangeVocabulary, Uint16Array>();

/** Per token, the 12-bit set of pitch classes of its chord (0 for tokens that are not chords), built once. */
function chordClassMasks(vocabulary: ArrangeVocabulary): Uint16Array {
  let masks = chordMasksByVocabulary.get(vocabulary);
  if (!masks) {
    masks = new Uint16Array(vocabulary.size);
    const [from, to] = vocabulary.span('chord');
    for (let token = from; token < to; token += 1) {
      const [root, quality] = String(vocabulary.value(token)).split(':') as [string, ChordQuality];
      for (const pitchClass of chordPitchClasses(pitchClassNames.indexOf(root as 'C'), quality))
        masks[token]! |= 1 << pitchClass;
    }
    chordMasksByVocabulary.set(vocabulary, masks);
  }
  return masks;
}

export class ArrangeGrammarConstraint implements TokenConstraint {
  private phase: Phase = 'fill';
  private cell = -1;
  private used = 0;
  private position = -1;
  private lastFirstValue = -Infinity;
  private notes = 0;
  private tokens: number[] = [];
  private script: (readonly [number, number])[] | undefined;
  private scriptIndex = 0;
  /** The script is a motif: once it is played the cell goes on freely (no End forced after it). */
  private scriptOpen = false;
  /** A motif cell's source events: the variation may not end as their exact copy (onsets and pitches). */
  private motifSource: readonly number[] | undefined;
  /** The first position the free part of a cell may use (a motif cell's continuation starts at the bar's half). */
  private freeFrom = 0;
  /** Tokens every cell after cell k needs at least (Fill, End, a script), plus EOS. */
  private readonly reserveAfter: number[];
  private readonly v: ArrangeVocabulary;
  private readonly end: number;
  private readonly eos: number;
  private readonly fillFirst: number;
  private readonly positionSpan: [number, number];
  private readonly spans: Record<string, [number, number]> = {};
  private readonly hasFirst = new Set<ArrangeTrack>();

  constructor(
    vocabulary: ArrangeVocabulary,
    private readonly options: ArrangeGrammarOptions,
  ) {
    this.v = vocabulary;
    this.end = vocabulary.special('End');
    this.eos = vocabulary.special('EOS');
    this.fillFirst = vocabulary.first('fill');
    this.positionSpan = vocabulary.span('position');
    for (const family of ['pitch', 'chord', 'drum', 'velocity', 'duration', 'offset'])
      this.spans[family] = vocabulary.span(family);
    for (const track of Object.keys(options.allowedFirst) as ArrangeTrack[]) {
      const [from, to] = this.spans[vocabulary.noteFamilies(track)[0]]!;
      if (options.allowedFirst[track].subarray(from, to).includes(1)) this.hasFirst.add(track);
    }
    const cells = options.cells;
    this.reserveAfter = new Array<number>(cells.length).fill(1);
    for (let k = cells.length - 2; k >= 0; k -= 1)
      this.reserveAfter[k] = this.reserveAfter[k + 1]! + 2 + (cells[k + 1]!.script?.length ?? 0);
    if (cells.length === 0) this.phase = 'eos';
  }

  writeAllowed(mask: Uint8Array): boolean {
    mask.fill(0);
    if (this.script) {
      const [from, to] =
        this.scriptIndex < this.script.length ? this.script[this.scriptIndex]! : [this.end, this.end + 1];
      mask.fill(1, from, to);
      return true;
    }
    const track = this.options.cells[this.cell]?.track;
    switch (this.phase) {
      case 'fill':
        mask[this.fillFirst + this.cell + 1] = 1;
        break;
      case 'eos':
        mask[this.eos] = 1;
        break;
      case 'first':
        this.allowFirst(mask, track!);
        break;
      case 'velocity':
        mask.fill(1, ...this.spans.velocity!);
        break;
      case 'detail':
        mask.fill(1, ...this.spans[this.v.noteFamilies(track!)[2]]!);
        break;
      case 'cell':
      case 'note': {
        if (this.notes < this.options.maxNotesPerCell[track!] && this.fits(this.phase === 'note' ? 3 : 4)) {
          if (this.phase === 'note' && track !== 'chords') this.allowFirst(mask, track!);
          if (this.fits(4) && this.hasFirst.has(track!))
            mask.fill(1, this.positionSpan[0] + Math.max(this.position + 1, this.freeFrom), this.positionSpan[1]);
        }
        // A varied restatement differs from its source: it may not close as its copy while it can still go on.
        const copyOfSource = this.motifSource !== undefined && this.sameOnsetsAndPitches(this.tokens, this.motifSource);
        if (!copyOfSource || !mask.includes(1)) mask[this.end] = 1;
        break;
      }
      case 'done':
        mask[this.eos] = 1;
        break;
    }
    return true;
  }

  accept(token: number): void {
    this.used += 1;
    if (this.script) {
      this.scriptIndex += 1;
      if (!this.scriptOpen) {
        this.tokens.push(token);
        if (token === this.end) this.closeCell();
        return;
      }
      // A motif's tokens also move the note grammar on, so the free continuation starts after its last note.
      if (this.scriptIndex >= this.script.length) this.script = undefined;
    }
    switch (this.phase) {
      case 'fill':
        this.openCell();
        return;
      case 'eos':
      case 'done':
        this.phase = 'done';
        return;
    }
    if (token === this.end) {
      this.closeCell();
      return;
    }
    this.tokens.push(token);
    const family = this.v.family(token);
    if (family === 'position') {
      this.position = token - this.positionSpan[0];
      this.lastFirstValue = -Infinity;
      this.phase = 'first';
    } else if (this.phase === 'first' || this.phase === 'note') {
      this.lastFirstValue = token;
      this.phase = 'velocity';
    } else if (this.phase === 'velocity') {
      this.phase = 'detail';
    } else {
      this.notes += 1;
      this.phase = 'note';
    }
  }

  isComplete(): boolean {
    return this.phase === 'done';
  }

  /** True when `cost` more tokens for a note still leave room to close this cell and write every later one. */
  private fits(cost: number): boolean {
    return this.options.budget - this.used - cost - 1 >= this.reserveAfter[this.cell]!;
  }

  private openCell(): void {
    this.cell += 1;
    this.phase = 'cell';
    this.position = -1;
    this.notes = 0;
    this.tokens = [];
    const plan = this.options.cells[this.cell]!;
    const copied = plan.copyOf === undefined ? undefined : this.options.rowCells.get(plan.copyOf);
    const pattern = plan.patternOf === undefined ? undefined : this.options.rowCells.get(plan.patternOf);
    const motif =
      copied || pattern || plan.motifOf === undefined
        ? undefined
        : this.firstHalf(this.options.rowCells.get(plan.motifOf));
    const script = copied
      ? copied.map((token) => [token, token + 1] as const)
      : pattern
        ? pattern.map((token) => this.freeDynamics(token))
        : motif
          ? motif.map((token) => [token, token + 1] as const)
          : plan.script;
    // A script runs only when it and End fit beside what the later cells need (an empty motif needs no script).
    this.script = script && motif?.length !== 0 && this.fits(script.length) ? [...script] : undefined;
    const motifInForce = motif !== undefined && (motif.length === 0 || this.script !== undefined);
    this.scriptOpen = motifInForce && this.script !== undefined;
    this.motifSource = motifInForce ? this.options.rowCells.get(plan.motifOf!) : undefined;
    this.freeFrom = motifInForce ? this.middlePosition() : 0;
    this.scriptIndex = 0;
  }

  /** True when two cells' events have the same positions and first tokens (pitches), velocities and lengths aside. */
  private sameOnsetsAndPitches(a: readonly number[], b: readonly number[]): boolean {
    return sameOnsetsAndPitches(a, b, this.positionSpan, this.spans.pitch!);
  }

  /** The step at the bar's half. */
  private middlePosition(): number {
    const [from, to] = this.positionSpan;
    return Math.floor((to - from) / 2);
  }

  /** A cell's events before the bar's half (up to its first Position token at or past the middle step). */
  private firstHalf(events: readonly number[] | undefined): readonly number[] | undefined {
    if (!events) return undefined;
    const [from, to] = this.positionSpan;
    const cut = events.findIndex((token) => token >= from + this.middlePosition() && token < to);
    return cut < 0 ? events : events.slice(0, cut);
  }

  /** A pattern token as a script step: velocity and offset free (their family's span), anything else forced. */
  private freeDynamics(token: number): readonly [number, number] {
    const family = this.v.family(token);
    return family === 'velocity' || family === 'offset' ? this.spans[family]! : [token, token + 1];
  }

  private closeCell(): void {
    const plan = this.options.cells[this.cell]!;
    const tokens = this.script && !this.scriptOpen ? this.tokens.slice(0, -1) : this.tokens;
    this.options.rowCells.set(cellKey(plan.track, plan.bar), tokens);
    this.script = undefined;
    this.phase = this.cell + 1 < this.options.cells.length ? 'fill' : 'eos';
  }

  /**
   * First tokens of the track's notes allowed here, after the last one at this position in token order (the order
   * training wrote them in: pitch order for pitches, the spec's drum order for drums).
   */
  private allowFirst(mask: Uint8Array, track: ArrangeTrack): void {
    const [from, to] = this.spans[this.v.noteFamilies(track)[0]]!;
    const allowed = this.options.allowedFirst[track];
    const tones = track === 'bass' && this.position === 0 ? this.downbeatChordTones() : undefined;
    const melody = track === 'chords' ? this.longMelodyPitchClass() : undefined;
    let allowedCount = 0;
    for (let token = Math.max(from, this.lastFirstValue + 1); token < to; token += 1) {
      const bassFits = tones === undefined || (tones & (1 << (this.v.numericValue[token]! % 12))) !== 0;
      const chordFits = melody === undefined || this.chordHolds(token, melody);
      if (allowed[token] && bassFits && chordFits) {
        mask[token] = 1;
        allowedCount += 1;
      }
    }
    // A chord (or melody note) the key lock and range rule out leaves the choice as free as without it.
    if ((tones !== undefined || melody !== undefined) && allowedCount === 0)
      for (let token = Math.max(from, this.lastFirstValue + 1); token < to; token += 1)
        if (allowed[token]) mask[token] = 1;
  }

  /** The pitch class of the longest melody note (a beat or more) sounding at this position of the bar, if any. */
  private longMelodyPitchClass(): number | undefined {
    if (!this.options.chordsFollowMelody) return undefined;
    const melody = this.options.rowCells.get(cellKey('melody', this.options.cells[this.cell]!.bar));
    if (!melody) return undefined;
    const [positionFrom] = this.positionSpan;
    const [pitchFrom, pitchTo] = this.spans.pitch!;
    let step = -1;
    let best: { pitchClass: number; steps: number } | undefined;
    for (let i = 0; i < melody.length; i += 1) {
      const token = melody[i]!;
      if (this.v.family(token) === 'position') step = token - positionFrom;
      else if (token >= pitchFrom && token < pitchTo && i + 2 < melody.length) {
        const steps = this.v.numericValue[melody[i + 2]!]!;
        const sounding = step <= this.position && this.position < step + steps;
        if (sounding && steps >= 4 && (!best || steps > best.steps))
          best = { pitchClass: this.v.numericValue[token]! % 12, steps };
      }
    }
    return best?.pitchClass;
  }

  private chordHolds(token: number, pitchClass: number): boolean {
    return ((chordClassMasks(this.v)[token] ?? 0xfff) & (1 << pitchClass)) !== 0;
  }

  /** Pitch classes (12-bit set) of the chord the row's chord cell of this bar starts with at its downbeat, if any. */
  private downbeatChordTones(): number | undefined {
    if (!this.options.bassFollowsChords) return undefined;
    const bar = this.options.cells[this.cell]!.bar;
    const chords = this.options.rowCells.get(cellKey('chords', bar));
    if (!chords || chords[0] !== this.positionSpan[0] || chords.length < 2) return undefined;
    return chordClassMasks(this.v)[chords[1]!] || undefined;
  }
}
