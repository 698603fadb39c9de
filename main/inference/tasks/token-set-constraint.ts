// The generic constraint: only tokens from a given set may be generated (a building block and a test of masking).
import { z } from 'zod';
import { MosaicError } from '../../../contract/index.js';
import type { KvGeometry } from '../decoding/kv-graph.js';
import type { ConstraintFactory } from '../decoding/token-constraint.js';

const paramsSchema = z.object({ allowed: z.array(z.number().int().nonnegative()).min(1) });

export function tokenSetConstraint(params: unknown, geometry: KvGeometry): ConstraintFactory {
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) throw new MosaicError('BAD_REQUEST', 'token-set needs { allowed: [token, ...] }.');
  const allowed = new Uint8Array(geometry.vocabSize);
  for (const token of parsed.data.allowed) {
    if (token >= geometry.vocabSize) throw new MosaicError('BAD_REQUEST', `Token ${token} is outside the vocabulary.`);
    allowed[token] = 1;
  }
  return () => ({
    writeAllowed: (mask) => {
      mask.set(allowed);
      return true;
    },
    accept: () => undefined,
    isComplete: () => false,
  });
}
