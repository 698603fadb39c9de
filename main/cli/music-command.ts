// `mosaic music generate | continue | drums`: MIDI clips (and WAV renders) from the music models, for a DAW.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { MusicRun, RequestOf } from '../../contract/index.js';
import { MosaicError, cliFlagsOf, describeKey, drumStyles, musicTicksPerBar } from '../../contract/index.js';
import { midiFileProblem } from '../../common/midi-file-check.js';
import { arrangeCommand, isArrangeVerb, parseForm } from './arrange-command.js';
import type { ContractCaller } from './running-service.js';
import { writeVariations } from './export-file-names.js';
import {
  type MergedFlags,
  optionalNumber,
  parseKey,
  parseModelRef,
  parseNumber,
  parseOptions,
  orderNote,
  parseOrder,
  runJson,
  variationLabel,
  wroteText,
} from './cli-arguments.js';

const help = 'mosaic --help';
/** Each verb's flags, from the contract's CLI descriptors. */
const flagsOf = {
  generate: cliFlagsOf('music.generate'),
  continue: cliFlagsOf('music.continue'),
  drums: cliFlagsOf('music.drums'),
};
type Options = MergedFlags<MergedFlags<typeof flagsOf.generate, typeof flagsOf.continue>, typeof flagsOf.drums>;
type Values = ReturnType<typeof parseOptions<Options>>['values'];

export async function musicCommand(
  engine: ContractCaller,
  args: string[],
  write: (text: string) => void,
): Promise<number> {
  const [sub, ...rest] = args;
  if (isArrangeVerb(sub)) return arrangeCommand(engine, sub, rest, write);
  if (sub !== 'generate' && sub !== 'continue' && sub !== 'drums')
    throw new MosaicError('BAD_REQUEST', `Unknown music command "${sub ?? ''}". Run "${help}".`);
  const { values, positionals } = parseOptions(rest, flagsOf[sub] as Options, sub === 'continue' ? 1 : 0, help);
  if (!values.out && !values.wav && !values.json)
    throw new MosaicError('BAD_REQUEST', 'Say where to write the clip: --out clip.mid (and/or --wav clip.wav).');
  const context = { origin: 'cli' as const };
  let run: MusicRun;
  if (sub === 'generate') {
    run = await engine.call(
      'music.generate',
      { ...shared(values), ...melodic(values), ...parseOrder(values.order) },
      context,
    );
  } else if (sub === 'continue') {
    if (!positionals[0]) throw new MosaicError('BAD_REQUEST', 'Name the primer MIDI file to continue.');
    const primerMidi = await readMidi(positionals[0]);
    const part = values.part ?? 'melody';
    if (part !== 'melody' && part !== 'drums') throw new MosaicError('BAD_REQUEST', '--part must be melody or drums.');
    const request: RequestOf<'music.continue'> =
      part === 'drums'
        ? { part, primerMidi, ...shared(values), ...(values.style ? { style: drumStyle(values.style) } : {}) }
        : { part, primerMidi, ...shared(values), ...melodic(values) };
    run = await engine.call('music.continue', request, context);
  } else {
    const follow = values.follow ? await readMidi(values.follow) : undefined;
    run = await engine.call(
      'music.drums',
      {
        ...shared(values),
        ...(values.style ? { style: drumStyle(values.style) } : {}),
        ...(follow ? { followMidi: follow } : {}),
        ...parseOrder(values.order),
      },
      context,
    );
  }
  const written = await writeFiles(engine, run, values);
  if (values.json) write(runJson(run, written));
  else {
    const { result } = run;
    write(
      `${run.model.name}@${run.model.version} · ${describeRun(run)} · seed ${run.seed} · ${result.timing.totalMs.toFixed(0)} ms\n` +
        orderNote(run),
    );
    for (const [index, variation] of result.variations.entries()) {
      const { inScaleRate, detectedKey, detectedKeyFit, repeatedBars } = variation.stats;
      const restated =
        result.form && repeatedBars !== undefined ? `, ${(repeatedBars * 100).toFixed(0)} % bars restated` : '';
      const inScale =
        inScaleRate !== undefined
          ? `, ${(inScaleRate * 100).toFixed(0)} % in scale`
          : !result.key && detectedKey
            ? `, detected ${describeKey(detectedKey)} (${((detectedKeyFit ?? 0) * 100).toFixed(0)} % in its scale)`
            : '';
      write(
        `  ${variationLabel(run, index)}: ${variation.notes.length - variation.primerNotes} notes, ${variation.stats.notesPerBar.toFixed(1)}/bar, velocity ${variation.stats.velocityMin}–${variation.stats.velocityMax}${inScale}${restated}${wroteText(written[index])}\n`,
      );
    }
  }
  return 0;
}

/** What was asked, as a musician says it: "D dorian, locked, pop, 96 bpm" (or "no key" when none was given). */
export function describeRun(run: MusicRun): string {
  const { result } = run;
  const style = result.conditioning.find((token) => token.startsWith('Style_'))?.slice('Style_'.length);
  const melody = result.task === 'music.melody';
  const locked = result.variations.some((variation) => variation.stats.inScaleRate !== undefined);
  const key = !melody ? [] : result.key ? [describeKey(result.key), ...(locked ? ['locked'] : [])] : ['no key'];
  const primer = result.generatedFromTick > 0 ? [`continuing ${result.generatedFromTick / musicTicksPerBar} bars`] : [];
  const form = result.form ? [`form ${result.form}`] : [];
  return [...key, ...(style ? [style] : []), `${Math.round(result.tempo)} bpm`, ...form, ...primer].join(', ');
}

function shared(values: Values) {
  return {
    ...(values.model ? { model: parseModelRef(values.model, false, help) } : {}),
    ...optionalNumber('bars', parseNumber(values.bars, '--bars', 1, 32, true)),
    ...optionalNumber('variations', parseNumber(values.variations, '--variations', 1, 16, true)),
    ...optionalNumber('temperature', parseNumber(values.temperature, '--temperature', 0, 2)),
    ...optionalNumber('seed', parseNumber(values.seed, '--seed', 0, 0xffffffff, true)),
    ...optionalNumber('tempo', parseNumber(values.tempo, '--tempo', 30, 300)),
    ...optionalNumber('density', parseNumber(values.density, '--density', 0.5, 32)),
  };
}

function melodic(values: Values) {
  const style = values.style;
  if (style !== undefined && style !== 'pop' && style !== 'folk')
    throw new MosaicError('BAD_REQUEST', '--style must be pop or folk for melodies.');
  return {
    ...(style === 'pop' || style === 'folk' ? { style: style as 'pop' | 'folk' } : {}),
    ...(values.key ? { key: parseKey(values.key) } : {}),
    ...(values['no-lock'] ? { lockToScale: false } : {}),
    ...(values.range ? { pitchRange: parseRange(values.range) } : {}),
    ...(values.form ? { form: parseForm(values.form) } : {}),
    ...optionalNumber('repetition', parseNumber(values.repetition, '--repetition', 0, 1)),
  };
}

/** A MIDI file as base64, refused here, by its name, when it is not one (the service would not know the name). */
async function readMidi(path: string): Promise<string> {
  const bytes = await readFile(resolve(path));
  const problem = midiFileProblem(bytes);
  if (problem) throw new MosaicError('BAD_REQUEST', `${path} is not a usable MIDI file: ${problem}.`);
  return bytes.toString('base64');
}

function parseRange(text: string): { lowest: number; highest: number } {
  const match = /^(\d+)-(\d+)$/.exec(text.trim());
  if (!match) throw new MosaicError('BAD_REQUEST', '--range must look like 48-84 (MIDI notes).');
  return { lowest: Number(match[1]), highest: Number(match[2]) };
}

function drumStyle(text: string): (typeof drumStyles)[number] {
  if (!(drumStyles as readonly string[]).includes(text))
    throw new MosaicError('BAD_REQUEST', `--style must be one of ${drumStyles.join(', ')}.`);
  return text as (typeof drumStyles)[number];
}

/** Writes every variation's MIDI file (and WAV) where --out and --wav say (exportNaming, writeVariations). */
function writeFiles(engine: ContractCaller, run: MusicRun, values: Values): Promise<string[][]> {
  return writeVariations(
    run.result.variations.length,
    { mid: values.out, wav: values.wav },
    (variation, format, name) =>
      engine.call(
        'music.export',
        {
          result: run.result,
          variation,
          format,
          name,
          ...(format === 'wav' && values['wav-tail'] ? { wavEnd: 'tail' as const } : {}),
        },
        { origin: 'cli' },
      ),
  );
}
