// The `mosaic` command's verbs, built from the contract's CLI descriptors (contract/cli-verbs.ts): which methods each
// verb reaches, its usage line, which service it talks to, and the handler that runs it. Verbs with rich flag parsing
// and readable output (music, level, models, ps, …) register their own handler here; every other verb is generic:
// its arguments and flags fill the request as the descriptor says, and the response prints as JSON.
import type { CliArgument, CliFlag, CliValueKind, CliVerb, MethodId } from '../../contract/index.js';
import { MosaicError, cliDescriptors, isCliVerb, methodIds, methods } from '../../contract/index.js';
import { arrangeCommand, isArrangeVerb } from './arrange-command.js';
import { parseModelRef, parseNumber, parseOptions } from './cli-arguments.js';
import type { CliEngine, ServiceReach } from './cli-engine.js';
import { doctorCommand } from './doctor-command.js';
import { dungeonCommand } from './dungeon-command.js';
import { inferenceCommand } from './inference-command.js';
import { levelCommand } from './level-command.js';
import { modelsCommand } from './models-command.js';
import { musicCommand } from './music-command.js';

/** What a command writes to and listens to. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: { write(text: string): void; isTTY: boolean; columns?: number };
  /** Aborted on Ctrl-C. */
  signal: AbortSignal;
}

export type VerbHandler = (engine: CliEngine, verb: string, args: string[], io: CliIo) => Promise<number>;

export interface CliCommand {
  /** The words after `mosaic`: `music generate`. */
  verb: string;
  aliases: readonly string[];
  /** The methods this verb reaches: the one that declares it, and those reached through it. */
  methods: MethodId[];
  /** The declaring method's descriptor: arguments, flags, notes. */
  descriptor: CliVerb;
  /** From the declaring method's summary. */
  summary: string;
  reach: ServiceReach;
  /** Absent for a generic verb. */
  handler?: VerbHandler;
}

const second = (verb: string) => verb.split(' ')[1]!;

const music: VerbHandler = (engine, verb, args, io) => {
  const sub = second(verb);
  return isArrangeVerb(sub)
    ? arrangeCommand(engine, sub, args, io.stdout)
    : musicCommand(engine, [sub, ...args], io.stdout);
};
const level: VerbHandler = (engine, verb, args, io) => levelCommand(engine, [second(verb), ...args], io.stdout);
const dungeon: VerbHandler = (engine, verb, args, io) => dungeonCommand(engine, [second(verb), ...args], io.stdout);
/** Model library verbs; Ctrl-C cancels an install (and ends the command) rather than killing the process mid-write. */
const models: VerbHandler = async (engine, verb, args, io) => {
  const interrupt = new AbortController();
  const onSigint = (): void => interrupt.abort();
  process.once('SIGINT', onSigint);
  try {
    return await modelsCommand(engine, [...verb.split(' ').slice(1), ...args], { ...io, signal: interrupt.signal });
  } finally {
    process.off('SIGINT', onSigint);
  }
};
const inference: VerbHandler = (engine, verb, args, io) => inferenceCommand(engine, verb, args, io.stdout);

/** Hand-written handlers, by the verb they run (every other verb is generic). */
const handlers: Record<string, { handler: VerbHandler; reach?: ServiceReach }> = {
  doctor: { handler: doctorCommand },
  ps: { handler: inference, reach: 'any' },
  load: { handler: inference, reach: 'any' },
  unload: { handler: inference, reach: 'any' },
  tokens: { handler: inference, reach: 'any' },
  ...Object.fromEntries(
    ['generate', 'continue', 'drums', 'arrange', 'infill', 'harmonize', 'humanize'].map((sub) => [
      `music ${sub}`,
      { handler: music },
    ]),
  ),
  'level generate': { handler: level },
  'level regenerate': { handler: level },
  'dungeon generate': { handler: dungeon },
  ...Object.fromEntries(
    [
      'list',
      'show',
      'catalogs',
      'catalogs add',
      'catalogs remove',
      'install',
      'activate',
      'rollback',
      'remove',
      'history',
      'verify',
      'gc',
      'usage',
      'export',
      'import',
      'publish',
    ].map((sub) => [`models ${sub}`, { handler: models }]),
  ),
};

/** Every verb, in the contract's method order (its domains). */
export const cliCommands: readonly CliCommand[] = buildCommands();

function buildCommands(): CliCommand[] {
  const byVerb = new Map<string, CliCommand>();
  for (const method of methodIds) {
    const descriptor = cliDescriptors[method];
    if (!isCliVerb(descriptor)) continue;
    if (byVerb.has(descriptor.verb)) throw new Error(`Two methods declare the verb "${descriptor.verb}".`);
    const registered = handlers[descriptor.verb];
    byVerb.set(descriptor.verb, {
      verb: descriptor.verb,
      aliases: descriptor.aliases ?? [],
      methods: [method],
      descriptor,
      summary: methods[method].summary,
      reach: registered?.reach ?? 'data-folder',
      ...(registered ? { handler: registered.handler } : {}),
    });
  }
  for (const method of methodIds) {
    const descriptor = cliDescriptors[method];
    if (!('through' in descriptor)) continue;
    const command = byVerb.get(descriptor.through);
    if (!command) throw new Error(`${method} is reached through "${descriptor.through}", which no method declares.`);
    command.methods.push(method);
  }
  for (const verb of Object.keys(handlers)) {
    if (!byVerb.has(verb)) throw new Error(`A handler is registered for "${verb}", which no method declares.`);
  }
  return [...byVerb.values()];
}

/** The command `argv` names (the longest verb or alias its first words spell) and the arguments after it. */
export function findCommand(argv: readonly string[]): { command: CliCommand; rest: string[] } | null {
  let found: { command: CliCommand; words: number } | null = null;
  for (const command of cliCommands) {
    for (const verb of [command.verb, ...command.aliases]) {
      const words = verb.split(' ');
      if (words.every((word, index) => argv[index] === word) && words.length > (found?.words ?? 0)) {
        found = { command, words: words.length };
      }
    }
  }
  return found ? { command: found.command, rest: argv.slice(found.words) } : null;
}

/** The verbs of one group (`music`, `models`, `history`): those whose first word it is. */
export function commandsOfGroup(group: string): CliCommand[] {
  return cliCommands.filter((command) => command.verb.split(' ')[0] === group && command.verb !== group);
}

/** `history keep [<id>] [--job-id ID] [--variation N] [--unkeep]`: the verb with its arguments and flags. */
export function synopsisOf(command: CliCommand): string {
  const args = (command.descriptor.arguments ?? []).map((argument: CliArgument) =>
    argument.optional ? `[${argument.name}]` : argument.name,
  );
  const flags = Object.entries(command.descriptor.flags ?? {}).map(([name, flag]: [string, CliFlag]) => {
    const text = flag.type === 'boolean' ? `--${name}` : `--${name} ${flag.hint ?? 'VALUE'}`;
    return flag.required ? text : `[${text}]`;
  });
  return [command.verb, ...args, ...flags].join(' ');
}

/** One verb's usage: its synopsis wrapped to the terminal's width, its summary and notes. */
export function usageOf(command: CliCommand, width = 116): string {
  const lines: string[] = [];
  let line = ' ';
  for (const word of synopsisOf(command).split(/ (?=\[|--|<)/)) {
    if (line.length + word.length + 1 > width && line.trim()) {
      lines.push(line);
      line = ' '.repeat(4 + command.verb.length);
    }
    line += ` ${word}`;
  }
  lines.push(line);
  const aliases = command.aliases.length > 0 ? ` (also: ${command.aliases.join(', ')})` : '';
  lines.push(...wrap(`${command.summary}${aliases}`, 6, width));
  for (const note of command.descriptor.notes ?? []) lines.push(...wrap(note, 6, width));
  return lines.join('\n');
}

/** `text` in lines of at most `width` columns, each indented by `indent` spaces. */
function wrap(text: string, indent: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && indent + line.length + 1 + word.length > width) {
      lines.push(' '.repeat(indent) + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(' '.repeat(indent) + line);
  return lines;
}

/** A summary cut to `width` columns at a clause (`;`, `:`, ` (`) or, failing that, a word, for one-line lists. */
function shorten(text: string, width: number): string {
  if (text.length <= width) return text;
  const clause = Math.max(
    ...['; ', ': ', ' ('].map((mark) => text.lastIndexOf(mark, width - 1)).filter((at) => at > width / 3),
    -1,
  );
  const cut = clause > 0 ? clause : text.lastIndexOf(' ', width - 1);
  return `${text.slice(0, cut).replace(/[,.]$/, '')}…`;
}

/** `mosaic music --help`: every verb of the group with its usage. */
export function groupUsage(group: string): string {
  const commands = commandsOfGroup(group);
  return `Usage: mosaic ${group} <command> [options]\n\n${commands.map((command) => usageOf(command)).join('\n')}`;
}

/** `mosaic --help`: every verb with its summary, then the commands that are not contract methods. */
export function overallUsage(extra: readonly { synopsis: string; summary: string }[], footer: string): string {
  // What most people come for first; then the rest in the contract's order.
  const first = ['music', 'level', 'history', 'jobs'];
  const rank = (command: CliCommand) => {
    const at = first.indexOf(command.verb.split(' ')[0]!);
    return at === -1 ? first.length : at;
  };
  const ordered = [...cliCommands].sort((a, b) => rank(a) - rank(b));
  const rows = [...ordered.map((command) => ({ synopsis: command.verb, summary: command.summary })), ...extra];
  const column = Math.max(...rows.map((row) => row.synopsis.length)) + 2;
  return [
    'Usage: mosaic <command> [options]       ("mosaic <command> --help" for its arguments and flags)',
    '',
    'Commands:',
    ...rows.map((row) => `  ${row.synopsis.padEnd(column)}${shorten(row.summary, 118 - 2 - column)}`),
    '',
    footer,
  ].join('\n');
}

/**
 * A verb with no handler of its own: its positional arguments and flags fill the request as the descriptor says, the
 * call goes where the engine sends it, and the response prints as JSON.
 */
export async function runGenericVerb(command: CliCommand, engine: CliEngine, args: string[], io: CliIo) {
  const help = `mosaic ${command.verb} --help`;
  const { descriptor } = command;
  const declared = descriptor.arguments ?? [];
  const { values, positionals } = parseOptions(args, { ...(descriptor.flags ?? {}) }, declared.length, help);
  const request: Record<string, unknown> = {};
  for (const [index, argument] of declared.entries()) {
    const text = positionals[index];
    if (text === undefined) {
      if (argument.optional) continue;
      throw new MosaicError('BAD_REQUEST', `Name ${argument.name}. Run "${help}".`);
    }
    assign(request, argument.field, argument.value, text, argument.name, help);
  }
  for (const [name, flag] of Object.entries(descriptor.flags ?? {}) as [string, CliFlag][]) {
    const given = (values as Record<string, string | boolean | undefined>)[name];
    if (given === undefined) continue;
    if (flag.type === 'boolean') request[flag.field ?? name] = !flag.negates;
    else assign(request, flag.field, flag.value, String(given), `--${name}`, help);
  }
  const response = await engine.call(command.methods[0]!, request as never, { origin: 'cli', signal: io.signal });
  io.stdout(`${JSON.stringify(response, null, 2)}\n`);
  return 0;
}

function assign(
  request: Record<string, unknown>,
  field: string | undefined,
  kind: CliValueKind | undefined,
  text: string,
  what: string,
  help: string,
): void {
  if (kind === 'model-ref') {
    Object.assign(request, parseModelRef(text, false, help));
    return;
  }
  if (!field) throw new MosaicError('INTERNAL', `The CLI descriptor gives ${what} no request field.`);
  switch (kind ?? 'string') {
    case 'number':
      request[field] = parseNumber(text, what, -Number.MAX_VALUE, Number.MAX_VALUE);
      return;
    case 'model':
      request[field] = parseModelRef(text, false, help);
      return;
    case 'json':
      request[field] = parseJson(text, what);
      return;
    default:
      request[field] = text;
  }
}

/** JSON text, or a BAD_REQUEST that says where it broke. */
export function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new MosaicError('BAD_REQUEST', `${what} must be JSON: ${(error as Error).message}.`);
  }
}
