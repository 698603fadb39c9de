// Builds the token constraint a generation request names: one entry per task, registered in one table.
import type { ConstraintSpec } from '../../../contract/index.js';
import { MosaicError } from '../../../contract/index.js';
import type { KvGeometry } from '../decoding/kv-graph.js';
import { unconstrained, type ConstraintFactory } from '../decoding/token-constraint.js';
import { tokenSetConstraint } from './token-set-constraint.js';

export type ConstraintBuilder = (params: unknown, geometry: KvGeometry) => ConstraintFactory;

/** Task pipelines add their state machines here (music key lock, level structure, ...). */
export const constraintBuilders: Record<string, ConstraintBuilder> = {
  none: () => unconstrained,
  'token-set': tokenSetConstraint,
};

export function buildConstraint(spec: ConstraintSpec | undefined, geometry: KvGeometry): ConstraintFactory {
  if (!spec) return unconstrained;
  const builder = Object.hasOwn(constraintBuilders, spec.kind) ? constraintBuilders[spec.kind] : undefined;
  if (!builder) {
    throw new MosaicError(
      'BAD_REQUEST',
      `Unknown constraint "${spec.kind}" (known: ${Object.keys(constraintBuilders).join(', ')}).`,
    );
  }
  return builder(spec.params, geometry);
}
