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
