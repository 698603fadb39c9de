// The `music.arrange` task: writes the requested cells (track × bar) of a multi-track song — a whole arrangement, an
// infill, a harmonization, humanized drums — with the arrange model, the rest of the song kept note for note.
import { type ArrangeResult, type ArrangeTrack } from '../../../../../contract/arrange.js';
import { MosaicError } from '../../../../../contract/errors.js';
import type { TaskParams } from '../../../../../contract/task-table.js';
import { musicTicksPerBeat } from '../../../../../contract/music.js';
import { SeededRandom } from '../../../decoding/seeded-random.js';
import type { TaskContext, TaskPipeline } from '../../task-pipeline.js';
import { fourGramSelfSimilarity, grooveConsistency, inScaleRate, repeatedBars } from '../music-stats.js';
import { scalePitchClasses } from '../music-theory.js';
import { ArrangeDecoder } from './arrange-decoder.js';
import { cellKey, type CellPlan } from './arrange-grammar-constraint.js';
import { allowedFirstTokens } from './arrange-key-lock.js';
import { ArrangePackages } from './arrange-packages.js';
import { PartialSongReporter } from './arrange-partial.js';
import { planArrangement, styleDensityCalibration, type ArrangePlan } from './arrange-plan.js';
import { copiedBarsOf } from '../song-form.js';
import { ArrangeSequence, type SequenceCell } from './arrange-sequence.js';
import { assembleSong } from './arrange-song.js';
import { bassDownbeatChordToneRate, chordToneRate } from './arrange-stats.js';
import type { ArrangeTokenizer } from './arrange-tokenizer.js';

/** Most notes a cell may hold (chords: one per position at most, and rarely more than a few per bar). */
const maxNotesPerCell: Record<ArrangeTrack, number> = { melody: 24, chords: 8, bass: 24, drums: 64 };
/** Tokens a note takes, with its share of Position tokens (as for the single-track models). */
const tokensPerNote = 3.8;

export class ArrangePipeline implements TaskPipeline<'music.arrange'> {
  readonly task = 'music.arrange' as const;

  constructor(private readonly packages = new ArrangePackages()) {}

  /** `request` comes parsed (defaults filled in) by the host with the task table's music.arrange row. */
  async run(context: TaskContext, request: TaskParams<'music.arrange'>): Promise<ArrangeResult> {
    const started = performance.now();
    const tokenizer = this.packages.tokenizer(context.modelDir);
    const vocabulary = tokenizer.vocabulary;
    const plan = planArrangement(request, tokenizer, styleDensityCalibration(context.modelDefaults));
    const writes = ArrangePackages.tracksWritten(context.modelDefaults);
    const unwritten = plan.tracks.filter(
      (track) => !writes.includes(track) && [...plan.fill].some((key) => key.startsWith(`${track}:`)),
    );
    if (unwritten.length > 0)
      throw new MosaicError(
        'BAD_REQUEST',
        `This model writes only ${writes.join(', ')}, not ${unwritten.join(' or ')}: ask for tracks ${JSON.stringify(writes)} ` +
          'or use music-arrange.',
        { writes, asked: unwritten },
      );
    const known = [...plan.given].filter(([key]) => !plan.fill.has(key));
    const rowCells = Array.from({ length: request.variations }, () => new Map(known));
    const copies = copiedBars(plan);
    const grooves = Array.from({ length: request.variations }, (_, row) => repeatedGrooves(plan, row));
    const scripts = humanizeScripts(plan, tokenizer);
    const cellPlan = (row: number, cell: SequenceCell): CellPlan => {
      const key = cellKey(cell.track, cell.bar);
      const script = scripts.get(key);
      if (script) return { ...cell, script };
      const source = plan.restates[cell.bar];
      if (source !== undefined && copies.has(cell.bar)) return { ...cell, copyOf: cellKey(cell.track, source) };
      if (source !== undefined && cell.track === 'melody' && request.repetition > 0)
        return { ...cell, motifOf: cellKey('melody', source) };
      const groove = cell.track === 'drums' ? grooves[row]!.get(cell.bar) : undefined;
      return groove !== undefined ? { ...cell, patternOf: cellKey('drums', groove) } : cell;
    };
    const expectedTokens = (track: ArrangeTrack, bar: number): number =>
      scripts.get(cellKey(track, bar))?.length ??
      tokensPerNote * (track === 'drums' ? plan.conditions.drums : plan.conditions.pitched).density[track]!;

    const sequences = [
      plan.tracks.filter((track) => track !== 'drums'),
      plan.tracks.filter((track) => track === 'drums'),
    ]
      .map((tracks) => {
        const conditions = tracks.some((track) => track === 'drums') ? plan.conditions.drums : plan.conditions.pitched;
        const header = tokenizer.header(tracks, conditions);
        const fill = new Set([...plan.fill].filter((key) => tracks.some((track) => key.startsWith(`${track}:`))));
        return new ArrangeSequence(
          vocabulary,
          header,
          tracks,
          request.bars,
          fill,
          expectedTokens,
          context.maxPositions,
        );
      })
      .filter((sequence) => sequence.cellCount > 0);

    const totalCells = sequences.reduce((sum, sequence) => sum + sequence.cellCount, 0) * request.variations;
    let doneCells = 0;
    let sampledTokens = 0;
    const stream = new PartialSongReporter(plan, tokenizer, rowCells, totalCells, (update) =>
      context.reportProgress(update),
    );
    stream.progress(0, `writing ${totalCells} cells`);
    const decoder = new ArrangeDecoder(context, vocabulary);
    for (const [index, sequence] of sequences.entries()) {
      const decoded = await decoder.decode({
        sequence,
        rowCells,
        plan: cellPlan,
        grammar: {
          allowedFirst: allowedFirstTokens(vocabulary, plan.lockedKey),
          maxNotesPerCell,
          bassFollowsChords: request.bassFollowsChords,
          chordsFollowMelody: request.chordsFollowMelody,
        },
        sampling: { temperature: request.temperature, topK: request.topK, topP: request.topP },
        seed: index === 0 ? request.seed : (request.seed ^ 0x5f3759df) >>> 0,
        onCells: (cells) => {
          doneCells += cells;
          stream.progress(doneCells / totalCells, `${doneCells} of ${totalCells} cells`);
        },
        watch: () => stream.watch(),
      });
      sampledTokens += decoded.sampledTokens;
      if (decoded.cancelled) break;
    }

    const variations = rowCells.map((cells) => variationOf(plan, tokenizer, cells));
    const totalMs = performance.now() - started;
    context.reportProgress({ fraction: 1, message: context.isCancelled() ? 'cancelled' : 'done' });
    return {
      task: 'music.arrange',
      ticksPerBeat: musicTicksPerBeat,
      tempo: request.tempo,
      timeSignature: [4, 4],
      bars: request.bars,
      ...(plan.key ? { key: plan.key } : {}),
      style: request.style,
      drumStyle: request.drumStyle,
      ...(plan.form ? { form: plan.form } : {}),
      conditioning: sequences.map((sequence) => sequence.header.slice(1).map((token) => vocabulary.tokens[token]!)),
      variations,
      timing: { totalMs, tokensPerSecond: totalMs > 0 ? (sampledTokens / totalMs) * 1000 : 0 },
    };
  }
}

/**
 * The restated bars every variation copies note for note (copiedBarsOf); the melody of the other restated bars
 * restates the first half of its source bar and goes on anew (a varied restatement); their other parts are written
 * anew with the copied bars in view.
 */
export function copiedBars(plan: ArrangePlan): Set<number> {
  return copiedBarsOf(plan.restates, plan.form, plan.params.repetition);
}

/**
 * Drum bars that play the pattern of the bar before (a one-bar groove, as drummers keep one), each with
 * probability min(1, 0.75 + repetition) drawn from the row's own stream; the last bar of every phrase (a form's section,
 * at least four bars) and of the song stays free, as a fill. Only bars whose source is also written in this request.
 */
export function repeatedGrooves(plan: ArrangePlan, row: number): Map<number, number> {
  const { bars, repetition } = plan.params;
  const form = plan.form;
  const random = new SeededRandom((plan.params.seed ^ 0x6a09e667) >>> 0, row);
  const sectionBars = Math.max(4, form ? Math.floor(bars / form.length) : 4);
  const chance = Math.min(1, 0.75 + repetition);
  const grooves = new Map<number, number>();
  for (let bar = 1; bar < bars; bar += 1) {
    const draw = random.nextFloat();
    const fillBar = (bar + 1) % sectionBars === 0 || bar === bars - 1;
    const written = plan.fill.has(cellKey('drums', bar)) && plan.fill.has(cellKey('drums', bar - 1));
    if (!fillBar && written && !plan.humanize.has(cellKey('drums', bar)) && draw < chance) grooves.set(bar, bar - 1);
  }
  return grooves;
}

/** Humanized drum cells: their Position and Drum tokens forced, any Velocity and Offset sampled. */
function humanizeScripts(plan: ArrangePlan, tokenizer: ArrangeTokenizer): Map<string, [number, number][]> {
  const v = tokenizer.vocabulary;
  const free = new Map(['velocity', 'offset'].map((family) => [family, v.span(family)]));
  return new Map(
    [...plan.humanize].map((key) => [
      key,
      plan.given.get(key)!.map((token) => free.get(v.family(token)) ?? [token, token + 1]),
    ]),
  );
}

function variationOf(plan: ArrangePlan, tokenizer: ArrangeTokenizer, cells: ReadonlyMap<string, readonly number[]>) {
  const decoded = new Map([...cells].filter(([key]) => plan.fill.has(key)));
  const song = assembleSong(plan, tokenizer, decoded);
  const notesOf = (track: ArrangeTrack) => song.tracks.find((candidate) => candidate.track === track);
  const melody = notesOf('melody')?.notes ?? [];
  const chords = notesOf('chords')?.chords ?? [];
  const drums = notesOf('drums')?.notes ?? [];
  const written = [...song.written.values()].flat();
  const pitchedWritten = [...song.written].filter(([track]) => track !== 'drums').flatMap(([, notes]) => notes);
  const notesPerTrack: Partial<Record<ArrangeTrack, number>> = {};
  for (const [track, notes] of song.written) notesPerTrack[track] = notes.length;
  const bars = plan.params.bars;
  const optional = (name: string, value: number | undefined) => (value === undefined ? {} : { [name]: value });
  return {
    tracks: song.tracks,
    filledCells: song.filledCells,
    stats: {
      notes: written.length,
      notesPerTrack,
      ...(melody.length > 0
        ? { repeatedBars: repeatedBars(melody, bars), fourGramSelfSimilarity: fourGramSelfSimilarity(melody) }
        : {}),
      ...optional('chordToneRate', chords.length > 0 ? chordToneRate(melody, chords) : undefined),
      ...optional(
        'bassDownbeatChordToneRate',
        chords.length > 0 ? bassDownbeatChordToneRate(notesOf('bass')?.notes ?? [], chords) : undefined,
      ),
      ...(drums.length > 0 && bars >= 2 ? { grooveConsistency: grooveConsistency(drums, bars) } : {}),
      ...(plan.lockedKey ? { inScaleRate: inScaleRate(pitchedWritten, scalePitchClasses(plan.lockedKey)) } : {}),
      tokens: [...decoded.values()].reduce((sum, tokens) => sum + tokens.length + 2, 0),
    },
  };
}
