// `mosaic dungeon generate`: top-down dungeons written as VGLC text, Tiled maps, LDtk projects or PNGs.
import { resolve } from 'node:path';
import type { DungeonExportFormat } from '../../contract/index.js';
import { MosaicError, cliFlagsOf, dungeonExportFormats } from '../../contract/index.js';
import { dungeonFormatFromFileName } from '../services/dungeons/dungeon-files/dungeon-export.js';
import { parseModelRef, parseNumber, parseOptions, runJson, wroteText } from './cli-arguments.js';
import { runProvenance, writeGameExports } from './export-file-names.js';
import type { ContractCaller } from './running-service.js';

const help = 'mosaic dungeon --help';

export async function dungeonCommand(
  engine: ContractCaller,
  args: string[],
  write: (text: string) => void,
): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'generate')
    throw new MosaicError('BAD_REQUEST', `Unknown dungeon command "${sub ?? ''}". Run "${help}".`);
  const { values } = parseOptions(rest, cliFlagsOf('dungeons.generate'), 0, help);
  const format = outputFormat(values.out, values.format);
  const density = (value: string | undefined, flag: string) => parseNumber(value, flag, 0, 1);
  const optional = <K extends string>(key: K, value: number | undefined) =>
    value === undefined ? {} : ({ [key]: value } as Record<K, number>);
  const run = await engine.call(
    'dungeons.generate',
    {
      ...(values.model ? { model: parseModelRef(values.model, false, help) } : {}),
      ...optional('rooms', parseNumber(values.rooms, '--rooms', 4, 32, true)),
      ...optional('keyLocks', parseNumber(values.keys, '--keys', 0, 3, true)),
      ...optional('enemyDensity', density(values.enemies, '--enemies')),
      ...optional('blockDensity', density(values.blocks, '--blocks')),
      ...optional('elementDensity', density(values.elements, '--elements')),
      ...optional('seed', parseNumber(values.seed, '--seed', 0, 0xffffffff, true)),
      ...optional('temperature', parseNumber(values.temperature, '--temperature', 0, 5)),
      variations: parseNumber(values.variations, '--variations', 1, 8, true) ?? 1,
    },
    { origin: 'cli' },
  );
  const provenance = runProvenance(run);
  const written =
    values.out && format
      ? await writeGameExports(values.out, run.result.dungeons, (dungeon, name) =>
          engine.call('dungeons.export', { dungeon, provenance, format, name }, { origin: 'cli' }),
        )
      : run.result.dungeons.map(() => []);
  const playable = run.result.dungeons.every((dungeon) => dungeon.playable);
  if (values.json) {
    write(runJson(run, written));
    return playable ? 0 : 1;
  }
  const { model, result } = run;
  write(`${model.name}@${model.version} · ${result.prompt} · seed ${result.seed} · ${result.totalMs.toFixed(0)} ms\n`);
  for (const [index, dungeon] of result.dungeons.entries()) {
    const repairs =
      dungeon.repairs.length === 0
        ? 'no repairs'
        : `${dungeon.repairs.length} room${dungeon.repairs.length > 1 ? 's' : ''} repaired`;
    const state = dungeon.playable ? 'connected' : `NOT connected (${dungeon.problems.join('; ')})`;
    write(
      `  dungeon ${dungeon.variation + 1}: ${dungeon.rooms.length} rooms, ${state}, ${repairs}${wroteText(written[index])}\n`,
    );
  }
  return playable ? 0 : 1;
}

/** The format --out asks for (checked before anything is generated); null without --out. */
function outputFormat(out: string | undefined, format: string | undefined): DungeonExportFormat | null {
  if (!out) return null;
  const chosen = format ?? dungeonFormatFromFileName(resolve(out));
  if (!(dungeonExportFormats as readonly string[]).includes(chosen ?? '')) {
    throw new MosaicError(
      'BAD_REQUEST',
      'Give --out a .tmj, .ldtk, .png or .txt file, or say --format tmj|ldtk|png|vglc.',
    );
  }
  return chosen as DungeonExportFormat;
}
