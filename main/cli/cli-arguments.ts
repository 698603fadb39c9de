// Argument parsing shared by the CLI's commands: model references, durations, numbers, and strict option parsing.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { MusicKey } from '../../contract/index.js';
import { MosaicError, parseMusicKey } from '../../contract/index.js';

export type OptionSpec = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

/** Two verbs' flags as one option set (B's flag wins where both name one): the values a shared helper reads. */
export type MergedFlags<A, B> = Omit<A, keyof B> & B;

/** Parses options (and at most `positionals` positional arguments); misuse becomes BAD_REQUEST with a hint. */
export function parseOptions<T extends OptionSpec>(args: string[], options: T, positionals: number, help: string) {
  try {
    const parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
    if (parsed.positionals.length > positionals)
      throw new Error(`unexpected argument "${parsed.positionals[positionals]}"`);
    return parsed;
  } catch (error) {
    throw new MosaicError('BAD_REQUEST', `${error instanceof Error ? error.message : String(error)}. Run "${help}".`);
  }
}

/** `name` or `name@version`; the version is required where a command acts on one exact version. */
export function parseModelRef(
  value: string | undefined,
  needsVersion: boolean,
  help: string,
): { name: string; version?: string } {
  if (!value)
    throw new MosaicError(
      'BAD_REQUEST',
      `Name ${needsVersion ? 'a model version (name@x.y.z)' : 'a model (name or name@x.y.z)'}. Run "${help}".`,
    );
  const at = value.indexOf('@');
  const name = at === -1 ? value : value.slice(0, at);
  const version = at === -1 ? undefined : value.slice(at + 1);
  if (needsVersion && !version) throw new MosaicError('BAD_REQUEST', `Name the version: ${name}@x.y.z.`);
  return version ? { name, version } : { name };
}

/** `90s`, `5m`, `2h`, `0` (unload at once), `forever` (never unload) → milliseconds (-1 for forever). */
export function parseDuration(value: string, what: string): number {
  if (value === 'forever' || value === '-1') return -1;
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(value.trim());
  if (!match) throw new MosaicError('BAD_REQUEST', `${what} must look like 90s, 5m, 2h, 0 or forever, not "${value}".`);
  const scale = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(match[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
  return Math.round(Number(match[1]) * scale);
}

/** A number option within bounds (integer when asked). */
export function parseNumber(
  value: string | undefined,
  what: string,
  min: number,
  max: number,
  integer = false,
): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < min || parsed > max || (integer && !Number.isInteger(parsed))) {
    throw new MosaicError(
      'BAD_REQUEST',
      `${what} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}, not "${value}".`,
    );
  }
  return parsed;
}

/** A run as `--json` prints it: the run, and `files`, the absolute paths written for it. */
export function runJson(run: object, written: readonly (readonly string[])[]): string {
  return `${JSON.stringify({ ...run, files: written.flat().map((file) => resolve(file)) }, null, 2)}\n`;
}

/** " → a.mid, a.wav": what a result line adds for the files written for it (nothing when none were). */
export function wroteText(files: readonly string[] | undefined): string {
  return files && files.length > 0 ? ` → ${files.join(', ')}` : '';
}

/** `{key: value}` when the value was given, `{}` when not (to spread into a request). */
export function optionalNumber<K extends string>(key: K, value: number | undefined): Partial<Record<K, number>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, number>);
}

/** --key: "A minor", "Bb dorian", "F#m" — either spelling of the tonic (contract/music-keys.ts). */
export function parseKey(text: string): MusicKey {
  try {
    return parseMusicKey(text);
  } catch (error) {
    throw new MosaicError('BAD_REQUEST', `--key: ${(error as Error).message}`);
  }
}

/** `--order`: "taste" (best first by this data folder's taste) or "generated". */
export function parseOrder(text: string | undefined): { order?: 'taste' | 'generated' } {
  if (text === undefined) return {};
  if (text !== 'taste' && text !== 'generated')
    throw new MosaicError('BAD_REQUEST', `--order must be taste or generated, not "${text}".`);
  return { order: text };
}

/**
 * How a variation is named in a run's lines: "variation 3", or with `--order taste` "#1 variation 3 (score +1.20)":
 * its place, its generated number (its seed stream) and its taste score.
 */
export function variationLabel(
  run: { order?: { by: string; variations: number[]; scores?: number[] } },
  index: number,
): string {
  const order = run.order;
  if (!order || order.by !== 'taste') return `variation ${(order?.variations[index] ?? index) + 1}`;
  const score = order.scores?.[index] ?? 0;
  return `#${index + 1} variation ${order.variations[index]! + 1} (score ${score >= 0 ? '+' : ''}${score.toFixed(2)})`;
}

/** The line that says why `--order taste` left a run in generated order (taste off, or no feedback yet); else ''. */
export function orderNote(run: { order?: { by: string; note?: string } }): string {
  return run.order?.by === 'generated' && run.order.note ? `  generated order: ${run.order.note}\n` : '';
}
