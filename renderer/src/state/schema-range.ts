// The numeric limits a contract schema declares, so fields show and check the limits the service enforces.
import type { z } from 'zod';

export interface NumberRange {
  min: number;
  max: number;
}

interface Wrapper {
  unwrap: () => z.ZodType;
}
interface Bounded {
  minValue: number | null;
  maxValue: number | null;
}

/** The inclusive range of a number schema (through .default, .optional, .nullable); throws when it declares none. */
export function rangeOf(schema: z.ZodType): NumberRange {
  let inner: unknown = schema;
  while (typeof (inner as Partial<Wrapper>).unwrap === 'function') inner = (inner as Wrapper).unwrap();
  const { minValue, maxValue } = inner as Partial<Bounded>;
  if (typeof minValue !== 'number' || typeof maxValue !== 'number') throw new Error('The schema declares no range.');
  return { min: minValue, max: maxValue };
}

/**
 * The value when it is a number inside the range (a whole one for whole steps; rounded to the step), else the
 * fallback: never a clamped guess, so a saved 999 bars or 5000 columns loads as the default, not as the limit.
 */
export function valueWithin(value: unknown, range: NumberRange, fallback: number, step = 1): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < range.min || value > range.max) return fallback;
  if (step === 1 && !Number.isInteger(value)) return fallback;
  // Rounded to the step, then to 6 decimals, so 0.7 stays 0.7 rather than 0.7000000000000001.
  return Number((Math.round(value / step) * step).toFixed(6));
}

/** `value` when it is one of `allowed`, else `fallback` (a persisted or patched choice from a fixed list). */
export function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}
