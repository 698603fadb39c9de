// The remi-v1 vocabulary read from its JSON spec: token ids by family and value, as the Python training code assigns them.
import { z } from 'zod';
import { MosaicError } from '../../../../contract/index.js';

const familySchema = z.object({
  name: z.string(),
  prefix: z.string(),
  values: z.array(z.union([z.number(), z.string()])).optional(),
  range: z.tuple([z.number().int(), z.number().int()]).optional(),
});

const profileSchema = z.object({
  header: z.array(z.string()),
  note: z.tuple([z.string(), z.string(), z.string()]),
  defaultDurationSteps: z.number().int().min(0),
});

export const remiSpecSchema = z.object({
  name: z.string(),
  ticksPerBeat: z.number().int().positive(),
  stepsPerBeat: z.number().int().positive(),
  stepsPerBar: z.number().int().positive(),
  offsetUnitTicks: z.number().int().positive(),
  families: z.array(familySchema).min(1),
  profiles: z.object({ melody: profileSchema, drums: profileSchema }),
  drumMap: z.record(z.string(), z.number().int()),
});
export type RemiSpec = z.infer<typeof remiSpecSchema>;
export type MusicProfile = keyof RemiSpec['profiles'];
type Value = number | string;

/** Index of the value nearest to `value`; ties go to the lower index (the Python mirror does the same). */
export function nearestIndex(values: readonly number[], value: number): number {
  let best = 0;
  let bestDistance = Infinity;
  values.forEach((candidate, index) => {
    const distance = Math.abs(candidate - value);
    if (distance < bestDistance) {
      best = index;
      bestDistance = distance;
    }
  });
  return best;
}

export class RemiVocabulary {
  readonly tokens: string[] = [];
  readonly ticksPerStep: number;
  readonly drumMap: ReadonlyMap<number, number>;
  private readonly values = new Map<string, Value[]>();
  private readonly firsts = new Map<string, number>();
  private readonly familyOf: string[] = [];

  constructor(readonly spec: RemiSpec) {
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
    this.drumMap = new Map(Object.entries(spec.drumMap).map(([from, to]) => [Number(from), to]));
  }

  /** Parses and checks a spec (the package's tokenizer file). */
  static fromJson(json: unknown): RemiVocabulary {
    const parsed = remiSpecSchema.safeParse(json);
    if (!parsed.success) throw new MosaicError('MODEL_LOAD_FAILED', `Bad tokenizer spec: ${parsed.error.message}`);
    return new RemiVocabulary(parsed.data);
  }

  get size(): number {
    return this.tokens.length;
  }

  first(family: string): number {
    const first = this.firsts.get(family);
    if (first === undefined) throw new MosaicError('MODEL_LOAD_FAILED', `The tokenizer has no "${family}" family.`);
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
    if (index < 0) throw new MosaicError('BAD_REQUEST', `"${String(value)}" is not a ${family} of the tokenizer.`);
    return this.first(family) + index;
  }

  nearest(family: string, value: number): number {
    return this.first(family) + nearestIndex(this.numbers(family), value);
  }

  special(name: 'PAD' | 'BOS' | 'EOS'): number {
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
}
