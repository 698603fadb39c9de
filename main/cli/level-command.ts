// `mosaic level generate | regenerate`: playable levels from a prompt, written as Tiled maps, LDtk projects, PNGs or
// VGLC text.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { LevelRun } from '../../contract/index.js';
import { MosaicError, cliFlagsOf } from '../../contract/index.js';
import type { ContractCaller } from './running-service.js';
import { formatFromFileName, levelExportFormats } from '../services/levels/level-files/level-export.js';
import { parseTiledMap } from '../services/levels/level-files/tiled-import.js';
import { parseVglcText } from '../services/levels/level-files/vglc-text.js';
import { runProvenance, writeGameExports } from './export-file-names.js';
import {
  parseModelRef,
  parseNumber,
  orderNote,
  parseOptions,
  parseOrder,
  runJson,
  wroteText,
} from './cli-arguments.js';

const help = 'mosaic --help';
export async function levelCommand(
  engine: ContractCaller,
  args: string[],
  write: (text: string) => void,
): Promise<number> {
  const [sub, ...rest] = args;
  const context = { origin: 'cli' as const };
  if (sub === 'generate') {
    const { values } = parseOptions(rest, cliFlagsOf('levels.generate'), 0, help);
    const format = outputFormat(values);
    const run = await engine.call(
      'levels.generate',
      {
        ...common(values),
        width: parseNumber(values.width, '--width', 16, 1024, true) ?? 100,
        ...parseOrder(values.order),
      },
      context,
    );
    return report(engine, run, values, format, write);
  }
  if (sub === 'regenerate') {
    const { values, positionals } = parseOptions(rest, cliFlagsOf('levels.regenerate'), 1, help);
    if (!positionals[0])
      throw new MosaicError('BAD_REQUEST', 'Name the level to edit: VGLC text (14 rows) or a Tiled map (.tmj).');
    const format = outputFormat(values);
    const text = await readFile(resolve(positionals[0]), 'utf8');
    const { rows, prompt } = /\.(tmj|json)$/i.test(positionals[0])
      ? parseTiledMap(text)
      : { rows: parseVglcText(text), prompt: undefined };
    const run = await engine.call(
      'levels.regenerate',
      {
        ...common(values),
        ...(values.prompt === undefined && prompt ? { prompt } : {}),
        rows,
        from: parseNumber(values.from, '--from', 0, 1023, true) ?? 0,
        to: parseNumber(values.to, '--to', 1, 1024, true) ?? rows[0]?.length ?? 0,
      },
      context,
    );
    return report(engine, run, values, format, write);
  }
  throw new MosaicError('BAD_REQUEST', `Unknown level command "${sub ?? ''}". Run "${help}".`);
}

/** The flags both verbs take (levels.regenerate's descriptor adds --from and --to, levels.generate's --width). */
type Steering = Omit<ReturnType<typeof cliFlagsOf<'levels.regenerate'>>, 'from' | 'to'>;
type Values = { [K in keyof Steering]?: Steering[K]['type'] extends 'boolean' ? boolean : string };

function common(values: Values) {
  return {
    ...(values.model ? { model: parseModelRef(values.model, false, help) } : {}),
    ...(values.prompt === undefined ? {} : { prompt: values.prompt }),
    ...(values.seed === undefined ? {} : { seed: parseNumber(values.seed, '--seed', 0, 0xffffffff, true) }),
    ...(values.temperature === undefined
      ? {}
      : { temperature: parseNumber(values.temperature, '--temperature', 0, 5) }),
    variations: parseNumber(values.variations, '--variations', 1, 8, true) ?? 1,
  };
}

type LevelFormat = (typeof levelExportFormats)[number];

/** The format --out asks for (checked before anything is generated); null without --out. */
function outputFormat(values: Values): LevelFormat | null {
  if (!values.out) return null;
  const format = values.format ?? formatFromFileName(resolve(values.out));
  if (!(levelExportFormats as readonly string[]).includes(format ?? '')) {
    throw new MosaicError(
      'BAD_REQUEST',
      'Give --out a .tmj, .ldtk, .png or .txt file, or say --format tmj|ldtk|png|txt.',
    );
  }
  return format as LevelFormat;
}

/**
 * Writes each level (name-1, name-2, … for variations) in the format asked, then one summary line per level with the
 * files written for it (a Tiled map's tileset, shared by every level, is named on the first level's line only).
 */
async function report(
  engine: ContractCaller,
  run: LevelRun,
  values: Values,
  format: LevelFormat | null,
  write: (text: string) => void,
): Promise<number> {
  const { result, model } = run;
  const provenance = runProvenance(run);
  const written =
    values.out && format
      ? await writeGameExports(values.out, result.levels, (level, name) =>
          engine.call('levels.export', { level, provenance, format, name }, { origin: 'cli' }),
        )
      : result.levels.map(() => []);
  if (values.json) {
    write(runJson(run, written));
    return result.levels.every((level) => level.playable) ? 0 : 1;
  }
  write(
    `${model.name}@${model.version} · "${result.prompt}" · seed ${result.seed} · ${result.totalMs.toFixed(0)} ms\n` +
      orderNote(run),
  );
  for (const [index, level] of result.levels.entries()) {
    const repairs =
      level.repairs.length === 0
        ? 'no repairs'
        : `${level.repairs.length} repair${level.repairs.length > 1 ? 's' : ''}`;
    write(
      `  variation ${level.variation + 1}: ${level.playable ? 'playable' : 'NOT playable'}, ${repairs}, prompt ${level.adherence}/4${wroteText(written[index])}\n`,
    );
  }
  return result.levels.every((level) => level.playable) ? 0 : 1;
}
