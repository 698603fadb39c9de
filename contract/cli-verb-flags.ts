// Flags several areas' verbs take.
import type { CliFlag } from './cli-verb-types.js';

/** `--json`: the answer as JSON instead of text. */
export const json = { type: 'boolean' } as const;

/** `--order taste`: the variations best first by this data folder's taste (the generate methods' `order`). */
export const orderFlag = { order: { type: 'string', hint: 'taste' } } as const satisfies Record<string, CliFlag>;

/** `--precision`: which of a model's weights to run. */
export const precision = { precision: { type: 'string', hint: 'fp32|fp16|int8' } } as const;
