// The arrange-v1 vocabulary read from its JSON spec: token ids by family and value, as the Python training code assigns them.
import { z } from 'zod';
import { MosaicError } from '../../../../../contract/index.js';
import type { ArrangeTrack } from '../../../../../contract/arrange.js';
import { nearestIndex } from '../remi-vocabulary.js';

const familySchema = z.object({
  name: z.string(),
  prefix: z.string(),
  values: z.array(z.union([z.number(), z.string()])).optional(),
  range: z.tuple([z.number().int(), z.number().int()]).optional(),
});

const trackSchema = z.object({
  event: z.tuple([z.string(), z.string(), z.string()]),
  pitchRange: z.tuple([z.number().int(), z.number().int()]).optional(),
  defaultDurationSteps: z.number().int().min(1).optional(),
});

export const arrangeSpecSchema = z.object({
  name: z.string(),
  ticksPerBeat: z.number().int().positive(),
  stepsPerBeat: z.number().int().positive(),
  stepsPerBar: z.number().int().positive(),
  offsetUnitTicks: z.number().int().positive(),
  families: z.array(familySchema).min(1),
  tracks: z.object({ melody: trackSchema, chords: trackSchema, bass: trackSchema, drums: trackSchema }),
  chordQualities: z.record(z.string(), z.array(z.number().int().min(0).max(11)).min(1)),
  drumMap: z.record(z.string(), z.number().int()),
});
export type ArrangeSpec = z.infer<typeof arrangeSpecSchema>;
type Value = number | string;

export class ArrangeVocabulary {
  readonly tokens: string[] = [];
  readonly ticksPerStep: number;
  readonly drumMap: ReadonlyMap<number, number>;
  /** Numeric value of each token (NaN for text values): what "sorted by the first token's value" compares. */
  readonly numericValue: Float64Array;
  private readonly values = new Map<string, Value[]>();
  private readonly firsts = new Map<string, number>();
  private readonly familyOf: string[] = [];

  constructor(readonly spec: ArrangeSpec) {
    this.ticksPerStep = spec.ticksPerBeat / spec.stepsPerBeat;
    for (const family of spec.families) {
      const values: Value[] = family.range
        ? Array.from({ length: family.range[1] - family.range[0] + 1 }, (_, i) => family.range![0] + i)
        : (family.values ?? []);
      this.values.set(family.name, values);
      this.firsts.set(family.name, this.tokens.length);
      if (values.length === 0) this.tokens.push(family.prefix);
      for (const value of values) this.tokens.push(family.prefix === '' ? String(value) : `${family.prefix}_${value}`);
      for (let i = 0; i < Math.max(1, values.length); i += 1) this.familyOf.push(family.name);
    }
    this.numericValue = Float64Array.from(this.tokens, (_, token) => Number(this.value(token)));
    this.drumMap = new Map(Object.entries(spec.drumMap).map(([from, to]) => [Number(from), to]));
  }

  /** Parses and checks a spec (the package's arrange-v1.json). */
  static fromJson(json: unknown): ArrangeVocabulary {
    const parsed = arrangeSpecSchema.safeParse(json);
    if (!parsed.success)
      throw new MosaicError('MODEL_LOAD_FAILED', `Bad arrange tokenizer spec: ${parsed.error.message}`);
    return new ArrangeVocabulary(parsed.data);
  }

  get size(): number {
    return this.tokens.length;
  }

  first(family: string): number {
    const first = this.firsts.get(family);
    if (first === undefined)
      throw new MosaicError('MODEL_LOAD_FAILED', `The arrange tokenizer has no "${family}" family.`);
    return first;
  }

  familyValues(family: string): readonly Value[] {
    return this.values.get(family) ?? [];
  }

  numbers(family: string): readonly number[] {
    return this.familyValues(family).map(Number);
  }

  /** Token id of a family's value (or of a value-less family such as bar). */
  id(family: string, value?: Value): number {
    const values = this.familyValues(family);
    if (values.length === 0) return this.first(family);
    const index = values.indexOf(value as Value);
    if (index < 0)
      throw new MosaicError('BAD_REQUEST', `"${String(value)}" is not a ${family} of the arrange tokenizer.`);
    return this.first(family) + index;
  }

  /** The token of the value nearest to `value` (ties to the lower value, as in remi-v1). */
  nearest(family: string, value: number): number {
    return this.first(family) + nearestIndex(this.numbers(family), value);
  }

  special(name: 'PAD' | 'BOS' | 'EOS' | 'Sep' | 'End'): number {
    return this.id('special', name);
  }

  family(token: number): string {
    return this.familyOf[token] ?? 'unknown';
  }

  value(token: number): Value | undefined {
    return this.familyValues(this.family(token))[token - this.first(this.family(token))];
  }

  /** [first, end) of a family's ids. */
  span(family: string): [number, number] {
    return [this.first(family), this.first(family) + Math.max(1, this.familyValues(family).length)];
  }

  trackToken(track: ArrangeTrack): number {
    return this.id('track', track);
  }

  fillToken(cell: number): number {
    const [first, end] = this.span('fill');
    if (first + cell >= end)
      throw new MosaicError('BAD_REQUEST', `A sequence holds at most ${end - first} fill cells; fill fewer cells.`);
    return first + cell;
  }

  /** The three families of a track's note (e.g. pitch, velocity, duration). */
  noteFamilies(track: ArrangeTrack): readonly [string, string, string] {
    return this.spec.tracks[track].event;
  }
}
