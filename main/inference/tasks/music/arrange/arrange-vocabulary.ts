// The arrange-v1 vocabulary read from its JSON spec: token ids by family and value, as the Python training code assigns them.
import { z } from 'zod';
import { MosaicError } from '../../../../../contract/index.js';
import type { ArrangeTrack } from '../../../../../contract/arrange.js';
import { TokenFamilies, tokenSpecFields } from '../token-families.js';

const trackSchema = z.object({
  event: z.tuple([z.string(), z.string(), z.string()]),
  pitchRange: z.tuple([z.number().int(), z.number().int()]).optional(),
  defaultDurationSteps: z.number().int().min(1).optional(),
});

export const arrangeSpecSchema = z.object({
  ...tokenSpecFields,
  tracks: z.object({ melody: trackSchema, chords: trackSchema, bass: trackSchema, drums: trackSchema }),
  chordQualities: z.record(z.string(), z.array(z.number().int().min(0).max(11)).min(1)),
});
export type ArrangeSpec = z.infer<typeof arrangeSpecSchema>;

export class ArrangeVocabulary extends TokenFamilies {
  /** Numeric value of each token (NaN for text values): a pitch, a step, a duration as a number. */
  readonly numericValue: Float64Array;

  constructor(readonly spec: ArrangeSpec) {
    super(spec, 'the arrange tokenizer');
    this.numericValue = Float64Array.from(this.tokens, (_, token) => Number(this.value(token)));
  }

  /** Parses and checks a spec (the package's arrange-v1.json). */
  static fromJson(json: unknown): ArrangeVocabulary {
    const parsed = arrangeSpecSchema.safeParse(json);
    if (!parsed.success)
      throw new MosaicError('MODEL_LOAD_FAILED', `Bad arrange tokenizer spec: ${parsed.error.message}`);
    return new ArrangeVocabulary(parsed.data);
  }

  special(name: 'PAD' | 'BOS' | 'EOS' | 'Sep' | 'End'): number {
    return this.id('special', name);
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
