// The remi-v1 vocabulary read from its JSON spec: token ids by family and value, as the Python training code assigns them.
import { z } from 'zod';
import { MosaicError } from '../../../../contract/index.js';
import { TokenFamilies, nearestIndex, tokenSpecFields } from './token-families.js';

const profileSchema = z.object({
  header: z.array(z.string()),
  note: z.tuple([z.string(), z.string(), z.string()]),
  defaultDurationSteps: z.number().int().min(0),
});

export const remiSpecSchema = z.object({
  ...tokenSpecFields,
  profiles: z.object({ melody: profileSchema, drums: profileSchema }),
});
export type RemiSpec = z.infer<typeof remiSpecSchema>;
export type MusicProfile = keyof RemiSpec['profiles'];

export { nearestIndex };

export class RemiVocabulary extends TokenFamilies {
  constructor(readonly spec: RemiSpec) {
    super(spec, 'the tokenizer');
  }

  /** Parses and checks a spec (the package's tokenizer file). */
  static fromJson(json: unknown): RemiVocabulary {
    const parsed = remiSpecSchema.safeParse(json);
    if (!parsed.success) throw new MosaicError('MODEL_LOAD_FAILED', `Bad tokenizer spec: ${parsed.error.message}`);
    return new RemiVocabulary(parsed.data);
  }

  special(name: 'PAD' | 'BOS' | 'EOS'): number {
    return this.id('special', name);
  }
}
