// The flow both music pipelines share: header and primer tokens, windowed constrained decoding, notes and statistics.
import type { TaskParams } from '../../../../contract/index.js';
import { MosaicError } from '../../../../contract/index.js';
import { detectKey } from '../../../../common/key-detection.js';
import type { MusicKey, MusicNote, MusicResult } from '../../../../contract/music.js';
import { musicTicksPerBar, musicTicksPerBeat } from '../../../../contract/music.js';
import type { TaskContext } from '../task-pipeline.js';
import { BarWindowDecoder } from './bar-window-decoder.js';
import { KeyLockConstraint } from './key-lock-constraint.js';
import {
  fourGramSelfSimilarity,
  grooveConsistency,
  inScaleRate,
  pitchClassEntropy,
  repeatedBars,
  scaleConsistency,
} from './music-stats.js';
import { scalePitchClasses } from './music-theory.js';
import type { MusicConditions, MusicTokenizer } from './music-tokenizer.js';
import { RemiGrammarConstraint, type RemiGrammarOptions } from './remi-grammar-constraint.js';
import { RestateConstraint, type RestatePlan } from './restate-constraint.js';
import type { MusicProfile } from './remi-vocabulary.js';

/** The params of either music task (rows of contract/task-table.ts), as the host parsed them. */
export type MusicRequest = TaskParams<'music.melody'> | TaskParams<'music.drums'>;

/** What a music task adds to the shared flow. */
export interface MusicGenerationSpec {
  task: MusicResult['task'];
  profile: MusicProfile;
  conditions: MusicConditions;
  /** The task's grammar limits; each window's constraint gets the profile and its bars. */
  grammar: Omit<RemiGrammarOptions, 'profile' | 'bars' | 'firstBar'>;
  /** 1 for every token the output may never hold (outside the key or range, or the kit). */
  forbidden: Uint8Array;
  /** The key the request asked for (melody), and the key whose scale locks the output, if any. */
  key?: MusicKey;
  lockedKey?: MusicKey;
  /** A form over the generated bars (melody), and which bars restate which under it. */
  restate?: RestatePlan & { form: string };
}

/** The params as given; a primer is refused outside mode "continue" (the schema allows one in either mode). */
export function refusePrimerOutsideContinue<Params extends MusicRequest>(params: Params): Params {
  if (params.mode === 'generate' && params.primer)
    throw new MosaicError('BAD_REQUEST', 'A primer is only used by mode "continue".');
  return params;
}

/** Bars a primer occupies: as given, else up to the bar of its last onset. */
export function primerBarCount(notes: readonly MusicNote[], bars?: number): number {
  return bars ?? Math.floor(Math.max(...notes.map((note) => note.start)) / musicTicksPerBar) + 1;
}

/** The density condition: as asked, else the primer's notes per bar, else the task's default. */
export function densityCondition(request: MusicRequest, fallback: number): number {
  const primer = request.primer;
  return request.density ?? (primer ? primer.notes.length / primerBarCount(primer.notes, primer.bars) : fallback);
}

export async function generateMusic(
  context: TaskContext,
  tokenizer: MusicTokenizer,
  request: MusicRequest,
  spec: MusicGenerationSpec,
): Promise<MusicResult> {
  const started = performance.now();
  const vocabulary = tokenizer.vocabulary;
  const primerNotes = [...(request.primer?.notes ?? [])].sort((a, b) => a.start - b.start || a.pitch - b.pitch);
  const primerBars = primerNotes.length > 0 ? primerBarCount(primerNotes, request.primer?.bars) : 0;
  const primer = tokenizer.barTokens(primerNotes, spec.profile, primerBars).flat();
  const header = tokenizer.header(spec.profile, spec.conditions);
  const barToken = vocabulary.id('bar');
  context.reportProgress({ fraction: 0, message: `generating ${request.bars} bars × ${request.variations}` });
  const decoded = await new BarWindowDecoder(context, barToken).decode({
    header,
    primer,
    bars: request.bars,
    // A Bar, and per note its three tokens plus (often) a Position: the density condition says how many notes.
    tokensPerBar: 2 + 3.8 * spec.conditions.density,
    variations: request.variations,
    sampling: { temperature: request.temperature, topK: request.topK, topP: request.topP },
    seed: request.seed,
    constraint: (bars, firstBar, prompt, history) => {
      const locked = new KeyLockConstraint(
        new RemiGrammarConstraint(vocabulary, { ...spec.grammar, profile: spec.profile, bars, firstBar }, prompt),
        spec.forbidden,
      );
      return spec.restate
        ? new RestateConstraint(locked, spec.restate, vocabulary, history, firstBar - primerBars)
        : locked;
    },
  });
  const generatedFromTick = primerBars * musicTicksPerBar;
  const lockedClasses = spec.lockedKey ? scalePitchClasses(spec.lockedKey) : undefined;
  const variations = decoded.rows.map((row) => {
    const generated = endingBy(
      withoutOverlaps(tokenizer.decode([...new Array<number>(primerBars).fill(barToken), ...row], spec.profile)),
      (primerBars + request.bars) * musicTicksPerBar,
    );
    const velocities = generated.map((note) => note.velocity);
    const melodic = spec.profile === 'melody';
    return {
      notes: [...primerNotes, ...generated],
      primerNotes: primerNotes.length,
      stats: {
        notes: generated.length,
        notesPerBar: generated.length / request.bars,
        ...(melodic
          ? {
              pitchClassEntropy: pitchClassEntropy(generated),
              scaleConsistency: scaleConsistency(generated),
              // Structure over the generated bars, counted from their first bar line (ANCHORS.md's figures).
              ...structureStats(generated, generatedFromTick, request.bars),
              ...detectedKeyStats(generated),
            }
          : {}),
        ...(lockedClasses ? { inScaleRate: inScaleRate(generated, lockedClasses) } : {}),
        ...(melodic || request.bars < 2
          ? {}
          : { grooveConsistency: grooveConsistency(generated, request.bars, generatedFromTick) }),
        velocityMin: velocities.length > 0 ? Math.min(...velocities) : 0,
        velocityMax: velocities.length > 0 ? Math.max(...velocities) : 0,
        tokens: row.length,
      },
    };
  });
  const totalMs = performance.now() - started;
  context.reportProgress({ fraction: 1, message: decoded.cancelled ? 'cancelled' : 'done' });
  return {
    task: spec.task,
    ticksPerBeat: musicTicksPerBeat,
    tempo: request.tempo,
    timeSignature: [4, 4],
    bars: primerBars + request.bars,
    generatedFromTick,
    ...(spec.key ? { key: spec.key } : {}),
    ...(spec.restate ? { form: spec.restate.form } : {}),
    conditioning: header.slice(1).map((token) => vocabulary.tokens[token]!),
    variations,
    timing: { totalMs, tokensPerSecond: (decoded.sampledTokens / totalMs) * 1000, windows: decoded.windows },
  };
}

/** Repeated bars and 4-gram self-similarity of the generated bars, as the arrange stats count them. */
function structureStats(generated: readonly MusicNote[], fromTick: number, bars: number) {
  const shifted = generated.map((note) => ({ ...note, start: note.start - fromTick }));
  return { repeatedBars: repeatedBars(shifted, bars), fourGramSelfSimilarity: fourGramSelfSimilarity(shifted) };
}

/** The key the generated notes are in, by the detector the Studio uses for primers (modes included). */
function detectedKeyStats(notes: readonly MusicNote[]) {
  const detection = detectKey(notes);
  return detection ? { detectedKey: detection.key, detectedKeyFit: detection.fit } : {};
}

/**
 * Cuts a note that still sounds when its pitch strikes again at that onset (a quantized duration, or a drum hit
 * nudged late, can reach past the next one), so that a MIDI file holds exactly these notes.
 */
export function withoutOverlaps(notes: readonly MusicNote[]): MusicNote[] {
  const sorted = [...notes].sort((a, b) => a.start - b.start || a.pitch - b.pitch);
  const sounding = new Map<number, MusicNote>();
  return sorted.map((note) => {
    const previous = sounding.get(note.pitch);
    if (previous && previous.start + previous.duration > note.start)
      previous.duration = Math.max(1, note.start - previous.start);
    const copy = { ...note };
    sounding.set(note.pitch, copy);
    return copy;
  });
}

/**
 * Cuts the notes that would still sound after the clip's last bar line at that line (a long note in the last bar):
 * an 8-bar request gives an 8-bar clip, which a DAW loops and a continuation joins without a tail. A note cannot be
 * cut shorter than one tick, so a drum hit nudged past the line keeps its onset.
 */
export function endingBy(notes: readonly MusicNote[], endTick: number): MusicNote[] {
  return notes.map((note) =>
    note.start + note.duration > endTick ? { ...note, duration: Math.max(1, endTick - note.start) } : note,
  );
}
