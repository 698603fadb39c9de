// A song's form (e.g. "AABA") over its bars: which bar restates which, and which restated bars come back note for
// note. The arrange pipeline and the melody pipeline restate by the same plan.
import { MosaicError } from '../../../../contract/index.js';

/**
 * The bar each bar restates under a form: sections are floor(bars / letters) bars long (bars past the last section
 * are a free coda); a bar of a section whose letter appeared before restates the same bar of that first section.
 */
export function restatedBars(bars: number, form: string | undefined): (number | undefined)[] {
  const restates = new Array<number | undefined>(bars).fill(undefined);
  if (!form) return restates;
  if (form.length > bars)
    throw new MosaicError('BAD_REQUEST', `The form ${form} has more sections than the song's ${bars} bars; use fewer.`);
  const sectionBars = Math.floor(bars / form.length);
  const firstSection = new Map<string, number>();
  [...form].forEach((letter, section) => {
    const first = firstSection.get(letter);
    if (first === undefined) firstSection.set(letter, section);
    else for (let i = 0; i < sectionBars; i += 1) restates[section * sectionBars + i] = first * sectionBars + i;
  });
  return restates;
}

/**
 * The restated bars copied note for note: round(repetition × restated bars), at least one when repetition > 0,
 * openings of sections first (a restated section states its motif, then varies its continuation), then section by
 * section. The melody of the other restated bars restates the first half of its source bar and goes on anew.
 */
export function copiedBarsOf(
  restates: readonly (number | undefined)[],
  form: string | undefined,
  repetition: number,
): Set<number> {
  const restated = restates.flatMap((source, bar) => (source === undefined ? [] : [bar]));
  if (restated.length === 0 || repetition <= 0) return new Set();
  const count = Math.max(1, Math.round(repetition * restated.length));
  const sectionBars = Math.max(1, Math.floor(restates.length / (form?.length ?? 1)));
  const order = [...restated].sort((a, b) => (a % sectionBars) - (b % sectionBars) || a - b);
  return new Set(order.slice(0, count));
}
