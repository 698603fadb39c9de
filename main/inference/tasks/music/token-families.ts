// Token ids by family and value from a music token spec (remi-v1, arrange-v1): families in order, values in order, as
// the Python training code assigns them. Each vocabulary adds what its own spec has beside the families.
import { z } from 'zod';
import { MosaicError } from '../../../../contract/index.js';

export const tokenFamilySchema = z.object({
  name: z.string(),
  prefix: z.string(),
  values: z.array(z.union([z.number(), z.string()])).optional(),
  range: z.tuple([z.number().int(), z.number().int()]).optional(),
});

/** What every music token spec has: its grid and its families. */
export const tokenSpecFields = {
  name: z.string(),
  ticksPerBeat: z.number().int().positive(),
  stepsPerBeat: z.number().int().positive(),
  stepsPerBar: z.number().int().positive(),
  offsetUnitTicks: z.number().int().positive(),
  families: z.array(tokenFamilySchema).min(1),
  drumMap: z.record(z.string(), z.number().int()),
};
type TokenSpec = z.infer<z.ZodObject<typeof tokenSpecFields>>;
export type TokenValue = number | string;

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

export class TokenFamilies {
  readonly tokens: string[] = [];
  readonly ticksPerStep: number;
  readonly drumMap: ReadonlyMap<number, number>;
  private readonly values = new Map<string, TokenValue[]>();
  private readonly firsts = new Map<string, number>();
  private readonly familyOf: string[] = [];

  /** `label` names the tokenizer in errors ("the tokenizer", "the arrange tokenizer"). */
  constructor(
    spec: TokenSpec,
    private readonly label: string,
  ) {
    this.ticksPerStep = spec.ticksPerBeat / spec.stepsPerBeat;
    for (const family of spec.families) {
      const values: TokenValue[] = family.range
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

  get size(): number {
    return this.tokens.length;
  }

  first(family: string): number {
    const first = this.firsts.get(family);
    if (first === undefined) throw new MosaicError('MODEL_LOAD_FAILED', `${this.label} has no "${family}" family.`);
    return first;
  }

  familyValues(family: string): readonly TokenValue[] {
    return this.values.get(family) ?? [];
  }

  numbers(family: string): readonly number[] {
    return this.familyValues(family).map(Number);
  }

  /** Token id of a family's value (or of a value-less family such as bar). */
  id(family: string, value?: TokenValue): number {
    const values = this.familyValues(family);
    if (values.length === 0) return this.first(family);
    const index = values.indexOf(value as TokenValue);
    if (index < 0) throw new MosaicError('BAD_REQUEST', `"${String(value)}" is not a ${family} of ${this.label}.`);
    return this.first(family) + index;
  }

  /** The token of the value nearest to `value` (ties to the lower value). */
  nearest(family: string, value: number): number {
    return this.first(family) + nearestIndex(this.numbers(family), value);
  }

  family(token: number): string {
    return this.familyOf[token] ?? 'unknown';
  }

  value(token: number): TokenValue | undefined {
    return this.familyValues(this.family(token))[token - this.first(this.family(token))];
  }

  /** [first, end) of a family's ids. */
  span(family: string): [number, number] {
    return [this.first(family), this.first(family) + Math.max(1, this.familyValues(family).length)];
  }
}

/**
 * Whether two bars' (or cells') tokens hold the same onsets and pitches, durations and velocities aside: their
 * Position and Pitch tokens ([from, to) id spans) in the same order.
 */
export function sameOnsetsAndPitches(
  a: readonly number[],
  b: readonly number[],
  positions: readonly [number, number],
  pitches: readonly [number, number],
): boolean {
  const keep = (token: number) =>
    (token >= positions[0] && token < positions[1]) || (token >= pitches[0] && token < pitches[1]);
  const left = a.filter(keep);
  const right = b.filter(keep);
  return left.length === right.length && left.every((token, index) => token === right[index]);
}
