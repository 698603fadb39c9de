// `mosaic music arrange | infill | harmonize | humanize`: multi-track songs (melody, chords, bass, drums) as type-1
// MIDI files (and WAV mixes), written whole, cell by cell, under a melody, or a drum clip humanized.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ArrangeRun, ArrangeTrack, CellSpan, RequestOf, SongInput } from '../../contract/index.js';
import {
  MosaicError,
  arrangeTracks,
  cliFlagsOf,
  describeKey,
  drumStyles,
  melodyStyles,
  songFormSchema,
} from '../../contract/index.js';
import { midiFileProblem } from '../../common/midi-file-check.js';
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
import { writeVariations } from './export-file-names.js';
import type { ContractCaller } from './running-service.js';

export const arrangeVerbs = ['arrange', 'infill', 'harmonize', 'humanize'] as const;
export type ArrangeVerb = (typeof arrangeVerbs)[number];

const help = 'mosaic --help';
/** Each verb's flags, from the contract's CLI descriptors. */
const flagsOf = {
  arrange: cliFlagsOf('music.arrange'),
  infill: cliFlagsOf('music.infill'),
  harmonize: cliFlagsOf('music.harmonize'),
  humanize: cliFlagsOf('music.humanize'),
};
type Options = MergedFlags<
  MergedFlags<MergedFlags<typeof flagsOf.arrange, typeof flagsOf.infill>, typeof flagsOf.harmonize>,
  typeof flagsOf.humanize
>;
type Values = ReturnType<typeof parseOptions<Options>>['values'];

export function isArrangeVerb(verb: string | undefined): verb is ArrangeVerb {
  return (arrangeVerbs as readonly (string | undefined)[]).includes(verb);
}

export async function arrangeCommand(
  engine: ContractCaller,
  verb: ArrangeVerb,
  args: string[],
  write: (text: string) => void,
): Promise<number> {
  const { values, positionals } = parseOptions(args, flagsOf[verb] as Options, verb === 'arrange' ? 0 : 2, help);
  if (!values.out && !values.wav && !values.json)
    throw new MosaicError('BAD_REQUEST', 'Say where to write the song: --out song.mid (and/or --wav song.wav).');
  const context = { origin: 'cli' as const };
  let run: ArrangeRun;
  if (verb === 'arrange') {
    run = await engine.call(
      'music.arrange',
      { ...conditioning(values), ...arrangement(values), ...parseOrder(values.order) },
      context,
    );
  } else if (verb === 'infill') {
    run = await engine.call('music.infill', await infillRequest(values, positionals), context);
  } else if (verb === 'harmonize') {
    const song = await songFile(positionals, 'the melody', values);
    const add = values.add ? parseList(values.add, '--add', ['chords', 'bass', 'drums'] as const) : undefined;
    run = await engine.call('music.harmonize', { ...conditioning(values), song, ...(add ? { add } : {}) }, context);
  } else {
    const song = await songFile(positionals, 'the drum clip', values);
    const shared = conditioning(values);
    run = await engine.call(
      'music.humanize',
      {
        song,
        ...pick(shared, ['drumStyle', 'tempo', 'variations', 'temperature', 'seed', 'model']),
      },
      context,
    );
  }
  const written = await writeSongs(engine, run, values);
  if (values.json) write(runJson(run, written));
  else write(describe(run, written));
  return 0;
}

async function infillRequest(values: Values, positionals: string[]): Promise<RequestOf<'music.infill'>> {
  const shared = conditioning(values);
  if (values.between) {
    if (positionals.length !== 2) throw new MosaicError('BAD_REQUEST', '--between needs two MIDI files: a.mid b.mid.');
    const bars = parseNumber(values.bars ?? '4', '--bars', 1, 16, true)!;
    const [first, second] = await Promise.all(positionals.map((path) => songFromPath(path, values)));
    return { ...shared, between: { first: first!, second: second!, bars } };
  }
  const song = await songFile(positionals, 'the song', values);
  const cells: CellSpan[] = [];
  if (values.track || values.bars) {
    if (!values.track || !values.bars)
      throw new MosaicError('BAD_REQUEST', 'Give --track with --bars, e.g. --track bass --bars 3-4.');
    cells.push(cellSpan(values.track, values.bars, '--track/--bars'));
  }
  for (const entry of values.cells ? values.cells.split(',') : []) {
    const [track, bars] = entry.split(':');
    cells.push(cellSpan(track ?? '', bars ?? '', '--cells'));
  }
  if (cells.length === 0)
    throw new MosaicError('BAD_REQUEST', 'Choose cells to rewrite: --track bass --bars 3-4 (or --cells "bass:3-4").');
  return { ...shared, song, cells };
}

/** "bass" + "3-4" (bars counted from 1) → {track: bass, fromBar: 2, toBar: 3}. */
export function cellSpan(track: string, bars: string, what: string): CellSpan {
  if (!(arrangeTracks as readonly string[]).includes(track))
    throw new MosaicError('BAD_REQUEST', `${what}: the tracks are ${arrangeTracks.join(', ')}, not "${track}".`);
  const match = /^(\d+)(?:-(\d+))?$/.exec(bars.trim());
  const from = match ? Number(match[1]) : NaN;
  const to = match?.[2] ? Number(match[2]) : from;
  if (!match || from < 1 || to < from || to > 64)
    throw new MosaicError(
      'BAD_REQUEST',
      `${what}: bars look like 3 or 3-4 (counted from 1, at most 64), not "${bars}".`,
    );
  return { track: track as ArrangeTrack, fromBar: from - 1, toBar: to - 1 };
}

function conditioning(values: Values) {
  const style = values.style;
  if (style !== undefined && !(melodyStyles as readonly string[]).includes(style))
    throw new MosaicError('BAD_REQUEST', `--style must be ${melodyStyles.join(' or ')}.`);
  const drumStyle = values['drum-style'];
  if (drumStyle !== undefined && !(drumStyles as readonly string[]).includes(drumStyle))
    throw new MosaicError('BAD_REQUEST', `--drum-style must be one of ${drumStyles.join(', ')}.`);
  return {
    ...(values.model ? { model: parseModelRef(values.model, false, help) } : {}),
    ...optionalNumber('variations', parseNumber(values.variations, '--variations', 1, 16, true)),
    ...optionalNumber('temperature', parseNumber(values.temperature, '--temperature', 0, 2)),
    ...optionalNumber('seed', parseNumber(values.seed, '--seed', 0, 0xffffffff, true)),
    ...optionalNumber('tempo', parseNumber(values.tempo, '--tempo', 30, 300)),
    ...optionalNumber('repetition', parseNumber(values.repetition, '--repetition', 0, 1)),
    ...(style ? { style: style as (typeof melodyStyles)[number] } : {}),
    ...(drumStyle ? { drumStyle: drumStyle as (typeof drumStyles)[number] } : {}),
    ...(values.key ? { key: parseKey(values.key) } : {}),
    ...(values['no-lock'] ? { lockToScale: false } : {}),
    ...(values.form ? { form: parseForm(values.form) } : {}),
    ...(values.density ? { density: parseDensity(values.density) } : {}),
  };
}

function arrangement(values: Values) {
  return {
    ...optionalNumber('bars', parseNumber(values.bars, '--bars', 1, 32, true)),
    ...(values.tracks ? { tracks: parseList(values.tracks, '--tracks', arrangeTracks) } : {}),
  };
}

function pick<T extends object, K extends string>(object: T, keys: readonly K[]): Partial<T> {
  return Object.fromEntries(Object.entries(object).filter(([key]) => (keys as readonly string[]).includes(key))) as T;
}

function parseList<T extends string>(text: string, what: string, allowed: readonly T[]): T[] {
  const items = text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  const unknown = items.find((item) => !(allowed as readonly string[]).includes(item));
  if (unknown !== undefined || items.length === 0)
    throw new MosaicError('BAD_REQUEST', `${what} takes ${allowed.join(', ')} (comma-separated), not "${text}".`);
  return [...new Set(items)] as T[];
}

export function parseForm(text: string): string {
  const parsed = songFormSchema.safeParse(text.trim().toUpperCase());
  if (!parsed.success)
    throw new MosaicError('BAD_REQUEST', `--form: ${parsed.error.issues[0]?.message ?? 'bad form'}, not "${text}".`);
  return parsed.data;
}

/** "melody=4,drums=16" → {melody: 4, drums: 16} (events per bar). */
function parseDensity(text: string): Partial<Record<ArrangeTrack, number>> {
  const density: Partial<Record<ArrangeTrack, number>> = {};
  for (const entry of text.split(',')) {
    const [track, value] = entry.split('=');
    if (!track || !(arrangeTracks as readonly string[]).includes(track.trim()))
      throw new MosaicError('BAD_REQUEST', `--density looks like melody=4,drums=16, not "${text}".`);
    density[track.trim() as ArrangeTrack] = parseNumber(value, `--density ${track}`, 0.5, 32)!;
  }
  return density;
}

/** "0=melody,Piano=chords" → trackMap. */
function parseMap(text: string): Record<string, ArrangeTrack> {
  const map: Record<string, ArrangeTrack> = {};
  for (const entry of text.split(',')) {
    const at = entry.lastIndexOf('=');
    const part = entry.slice(at + 1).trim();
    if (at <= 0) throw new MosaicError('BAD_REQUEST', `--map looks like 0=melody,Piano=chords, not "${text}".`);
    if (!(arrangeTracks as readonly string[]).includes(part))
      throw new MosaicError(
        'BAD_REQUEST',
        `--map: the parts are ${arrangeTracks.join(', ')}, not "${part}" (e.g. 0=melody,Piano=chords).`,
      );
    map[entry.slice(0, at).trim()] = part as ArrangeTrack;
  }
  return map;
}

async function songFile(positionals: string[], what: string, values: Values): Promise<SongInput> {
  if (positionals.length !== 1) throw new MosaicError('BAD_REQUEST', `Name the MIDI file of ${what}.`);
  return songFromPath(positionals[0]!, values);
}

/** A MIDI file as a song input, refused here, by its name, when it is not one (the service would not know the name). */
async function songFromPath(path: string, values: Values): Promise<SongInput> {
  const bytes = await readFile(resolve(path)).catch(() => {
    throw new MosaicError('BAD_REQUEST', `Cannot read ${path}: name an existing .mid file.`);
  });
  const problem = midiFileProblem(bytes);
  if (problem) throw new MosaicError('BAD_REQUEST', `${path} is not a usable MIDI file: ${problem}.`);
  return { midi: bytes.toString('base64'), ...(values.map ? { trackMap: parseMap(values.map) } : {}) };
}

/** What was written, per variation: tracks and notes, the structure and harmony figures. */
function describe(run: ArrangeRun, written: string[][]): string {
  const { result } = run;
  const key = result.key ? describeKey(result.key) : 'no key';
  const lines = [
    `${run.model.name}@${run.model.version} · ${result.bars} bars, ${key}, ${result.style}, ${Math.round(result.tempo)} bpm` +
      `${result.form ? `, form ${result.form}` : ''} · seed ${run.seed} · ${result.timing.totalMs.toFixed(0)} ms\n`,
    orderNote(run),
  ];
  for (const [index, variation] of result.variations.entries()) {
    const parts = variation.tracks.map((track) => `${track.track} ${track.notes.length}`).join(', ');
    const { repeatedBars, chordToneRate } = variation.stats;
    const figures = [
      `${variation.filledCells.length} cells written`,
      ...(repeatedBars !== undefined ? [`${(repeatedBars * 100).toFixed(0)} % bars restated`] : []),
      ...(chordToneRate !== undefined
        ? [`${(chordToneRate * 100).toFixed(0)} % long melody notes on chord tones`]
        : []),
    ];
    lines.push(`  ${variationLabel(run, index)}: ${parts} notes; ${figures.join(', ')}${wroteText(written[index])}\n`);
  }
  return lines.join('');
}

/** Writes every variation's MIDI file (and WAV) where --out and --wav say (exportNaming, writeVariations). */
function writeSongs(engine: ContractCaller, run: ArrangeRun, values: Values): Promise<string[][]> {
  return writeVariations(
    run.result.variations.length,
    { mid: values.out, wav: values.wav },
    (variation, format, name) =>
      engine.call(
        'music.exportSong',
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
