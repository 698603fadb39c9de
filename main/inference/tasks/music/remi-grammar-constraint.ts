// The remi-v1 grammar as a token constraint: well-formed bars, increasing positions, sorted notes, an exact bar count,
// and optionally onsets that follow a given rhythm.
import type { TokenConstraint } from '../../decoding/token-constraint.js';
import type { MusicProfile, RemiVocabulary } from './remi-vocabulary.js';

export interface RemiGrammarOptions {
  profile: MusicProfile;
  /** Bars to generate after the prompt: the row completes when it chooses the Bar token that would start one more. */
  bars: number;
  /** Absolute index of the bar the prompt's last Bar token starts (the rhythm's phase). */
  firstBar: number;
  maxNotesPerBar: number;
  maxNotesPerPosition: number;
  /** Onset steps to follow: `steps[i]` says whether step i of a pattern of `steps.length` 16ths has hits. */
  rhythm?: readonly boolean[];
  /**
   * Most bars in a row without notes (none: no limit). What comes before the first bar counts as empty, so a piece
   * opens with notes in its first bar. A rhythm overrides it for bars the rhythm leaves empty.
   */
  maxEmptyBars?: number;
}

type Phase = 'header' | 'bar' | 'position' | 'key' | 'velocity' | 'note';

export class RemiGrammarConstraint implements TokenConstraint {
  private phase: Phase = 'header';
  private barsDone = 0;
  private position = -1;
  private lastKey = -1;
  private notesAtPosition = 0;
  private notesInBar = 0;
  private counting = false;
  /** Bars without notes just before the open one (infinite before the first bar). */
  private emptyRun = Infinity;
  private readonly bar: number;
  private readonly positionFirst: number;
  private readonly keySpan: [number, number];
  private readonly velocitySpan: [number, number];
  private readonly detailSpan: [number, number];
  private readonly keyValues: readonly number[];

  constructor(
    private readonly vocabulary: RemiVocabulary,
    private readonly options: RemiGrammarOptions,
    prompt: readonly number[],
  ) {
    const [keyFamily, , detailFamily] = vocabulary.spec.profiles[options.profile].note;
    this.bar = vocabulary.id('bar');
    this.positionFirst = vocabulary.first('position');
    this.keySpan = vocabulary.span(keyFamily);
    this.velocitySpan = vocabulary.span('velocity');
    this.detailSpan = vocabulary.span(detailFamily);
    this.keyValues = vocabulary.numbers(keyFamily);
    for (const token of prompt) this.accept(token);
    this.counting = true;
  }

  writeAllowed(mask: Uint8Array): boolean {
    mask.fill(0);
    switch (this.phase) {
      case 'header':
        mask[this.bar] = 1;
        break;
      case 'position':
        this.allowKeys(mask);
        break;
      case 'key':
        mask.fill(1, ...this.velocitySpan);
        break;
      case 'velocity':
        mask.fill(1, ...this.detailSpan);
        break;
      case 'bar':
      case 'note':
        if (this.phase === 'note' && this.notesAtPosition < this.options.maxNotesPerPosition) this.allowKeys(mask);
        this.allowNextPositions(mask);
        break;
    }
    return true;
  }

  accept(token: number): void {
    if (token === this.bar) {
      if (this.phase !== 'header') {
        if (this.counting) this.barsDone += 1;
        this.emptyRun = this.notesInBar === 0 ? this.emptyRun + 1 : 0;
      }
      this.phase = 'bar';
      this.position = -1;
      this.notesInBar = 0;
    } else if (this.phase === 'header') {
      return;
    } else if (token >= this.positionFirst && token < this.positionFirst + this.vocabulary.spec.stepsPerBar) {
      this.phase = 'position';
      this.position = token - this.positionFirst;
      this.lastKey = -1;
      this.notesAtPosition = 0;
    } else if (token >= this.keySpan[0] && token < this.keySpan[1]) {
      this.phase = 'key';
      this.lastKey = token;
    } else if (token >= this.velocitySpan[0] && token < this.velocitySpan[1]) {
      this.phase = 'velocity';
    } else if (token >= this.detailSpan[0] && token < this.detailSpan[1]) {
      this.phase = 'note';
      this.notesAtPosition += 1;
      this.notesInBar += 1;
    }
  }

  isComplete(): boolean {
    return this.barsDone >= this.options.bars;
  }

  /** Note keys above the last one at this position (notes are sorted by key value). */
  private allowKeys(mask: Uint8Array): void {
    if (this.notesInBar >= this.options.maxNotesPerBar) return;
    const lastValue = this.lastKey < 0 ? -Infinity : this.keyValues[this.lastKey - this.keySpan[0]]!;
    for (let token = this.keySpan[0]; token < this.keySpan[1]; token += 1) {
      if (this.keyValues[token - this.keySpan[0]]! > lastValue) mask[token] = 1;
    }
  }

  /** Later positions and the next bar; with a rhythm, exactly its next onset in this bar, or the bar once none is left. */
  private allowNextPositions(mask: Uint8Array): void {
    const stepsPerBar = this.vocabulary.spec.stepsPerBar;
    const rhythm = this.options.rhythm;
    if (!rhythm) {
      if (this.notesInBar < this.options.maxNotesPerBar)
        mask.fill(1, this.positionFirst + this.position + 1, this.positionFirst + stepsPerBar);
      if (this.notesInBar > 0 || this.emptyRun + 1 <= (this.options.maxEmptyBars ?? Infinity)) mask[this.bar] = 1;
      return;
    }
    const barStart = (this.options.firstBar + this.barsDone) * stepsPerBar;
    for (let position = this.position + 1; position < stepsPerBar; position += 1) {
      if (rhythm[(barStart + position) % rhythm.length]) {
        mask[this.positionFirst + position] = 1;
        return;
      }
    }
    mask[this.bar] = 1;
  }
}
