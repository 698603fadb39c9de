// How each contract method appears on the `mosaic` command line: its verb, positional arguments and flags. The CLI's
// usage and `--help` are built from this table and the methods' summaries, and its command switch dispatches on it
// (main/cli/command-table.ts); `mosaic call <method> [json]` reaches every method whatever this table says.
// Each area's verbs are in a file of their own (cli-verbs-system.ts, -inference, -levels, -dungeons, -music, -history,
// -taste, -models; their shapes in cli-verb-types.ts, flags several share in cli-verb-flags.ts); the table lists the
// areas in that order, the order `mosaic --help` lists the verbs in.
import type { MethodId } from './methods.js';
import { dungeonVerbs } from './cli-verbs-dungeons.js';
import { historyVerbs } from './cli-verbs-history.js';
import { inferenceVerbs } from './cli-verbs-inference.js';
import { levelVerbs } from './cli-verbs-levels.js';
import { modelVerbs } from './cli-verbs-models.js';
import { musicVerbs } from './cli-verbs-music.js';
import { systemVerbs } from './cli-verbs-system.js';
import { tasteVerbs } from './cli-verbs-taste.js';
import type { CliDescriptor, CliVerb } from './cli-verb-types.js';

export type {
  CliArgument,
  CliDescriptor,
  CliExcluded,
  CliFlag,
  CliReachedThrough,
  CliValueKind,
  CliVerb,
} from './cli-verb-types.js';
export { musicFlags } from './cli-verbs-music.js';

/** Every contract method's place on the command line (the type checker requires one for each). */
export const cliDescriptors = {
  ...systemVerbs,
  ...inferenceVerbs,
  ...levelVerbs,
  ...dungeonVerbs,
  ...musicVerbs,
  ...historyVerbs,
  ...tasteVerbs,
  ...modelVerbs,
} as const satisfies Record<MethodId, CliDescriptor>;

export function isCliVerb(descriptor: CliDescriptor): descriptor is CliVerb {
  return 'verb' in descriptor;
}

/** The flags of a method's verb as `node:util` parseArgs options (what its handler parses). */
export function cliFlagsOf<M extends keyof typeof cliDescriptors>(
  method: M,
): (typeof cliDescriptors)[M] extends { flags: infer F } ? F : Record<string, never> {
  const descriptor = cliDescriptors[method] as CliDescriptor;
  return (isCliVerb(descriptor) ? (descriptor.flags ?? {}) : {}) as never;
}
