// The taste recommender of one data folder: records feedback on variations (taste/events.jsonl), refits that kind's
// pairwise model on every event (taste/model.json), ranks a recorded run's variations, and orders a generate method's
// variations by it. Everything stays in the data folder; copying the folder takes what was learnt along.
import { appendFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type {
  HistoryEntry,
  ParsedRequestOf,
  RankedVariation,
  ResponseOf,
  TasteKind,
  TasteKindStatus,
  TasteStatus,
  VariationOrderInfo,
} from '../../../contract/index.js';
import { MosaicError, tasteKinds } from '../../../contract/index.js';
import { tasteFeatureNames, tasteKindOf, variationFeatures } from './taste-features.js';
import { fitTaste, scoreOf, type FittedTaste, type TasteEvent, type TasteRun } from './taste-model.js';

/** A line of events.jsonl: a run's feature vectors (written once, at its first feedback), or one feedback event. */
type TasteLine = { run: TasteRun & { kind: TasteKind } } | { event: TasteEvent & { kind: TasteKind; at: string } };

interface KindModel extends FittedTaste {
  events: number;
  runs: number;
  fitMs: number;
  fittedAt: string;
}

interface TasteState {
  enabled: boolean;
  models: Partial<Record<TasteKind, KindModel>>;
}

export interface TasteServiceOptions {
  /** The taste folder: `<data folder>/taste`. */
  folder: string;
  /** History entries by id and by the job that made them (null when the history does not hold one). */
  entryById(id: string): Promise<HistoryEntry | null>;
  entryByJob(jobId: string): Promise<HistoryEntry | null>;
  now?: () => number;
}

/** The features that weighed most in a variation's score: at most 3, largest share first. */
const whyCount = 3;

export class TasteService {
  private readonly eventsFile: string;
  private readonly modelFile: string;
  private readonly now: () => number;
  /** Writes of this process, one at a time (an append and its refit belong together). */
  private writing: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: TasteServiceOptions) {
    this.eventsFile = join(options.folder, 'events.jsonl');
    this.modelFile = join(options.folder, 'model.json');
    this.now = options.now ?? Date.now;
  }

  async feedback(request: ParsedRequestOf<'taste.feedback'>): Promise<ResponseOf<'taste.feedback'>> {
    const entry = await this.entryOf(request);
    const kind = tasteKindOf(entry.run);
    const features = variationFeatures(entry.run, kind);
    if (request.variation >= features.length) {
      throw new MosaicError(
        'BAD_REQUEST',
        `The run ${entry.id} has ${features.length} variations (0–${features.length - 1}), not variation ${request.variation}.`,
      );
    }
    return this.serially(async () => {
      const state = await this.readState();
      if (!state.enabled) {
        return { recorded: false, historyId: entry.id, kind, status: statusOf(kind, state.models[kind]) };
      }
      const lines = await this.readLines();
      const known = lines.some((line) => 'run' in line && line.run.historyId === entry.id);
      const added: TasteLine[] = [];
      if (!known) added.push({ run: { historyId: entry.id, kind, features } });
      added.push({
        event: {
          historyId: entry.id,
          variation: request.variation,
          signal: request.signal,
          kind,
          at: new Date(this.now()).toISOString(),
        },
      });
      await mkdir(this.options.folder, { recursive: true });
      await appendFile(this.eventsFile, added.map((line) => `${JSON.stringify(line)}\n`).join(''));
      const model = this.refit(kind, [...lines, ...added]);
      state.models[kind] = model;
      await this.writeState(state);
      return { recorded: true, historyId: entry.id, kind, status: statusOf(kind, model) };
    });
  }

  async rank(request: ParsedRequestOf<'taste.rank'>): Promise<ResponseOf<'taste.rank'>> {
    const entry = await this.entryOf(request);
    const kind = tasteKindOf(entry.run);
    const model = (await this.readState()).models[kind];
    const usable = model && model.pairs > 0 ? model : null;
    return {
      historyId: entry.id,
      kind,
      ranked: rankRows(variationFeatures(entry.run, kind), usable),
      fitted: !!usable,
    };
  }

  /**
   * A generate method's run with its variations best first by this kind's model, and `order` saying which generated
   * variation each one is. Stays in generated order, saying why, when ranking is off or the kind has no model yet.
   */
  async order<Run extends HistoryEntry['run']>(run: Run): Promise<Run & { order: VariationOrderInfo }> {
    const kind = tasteKindOf(run);
    const features = variationFeatures(run, kind);
    const generated = features.map((_row, index) => index);
    const state = await this.readState();
    const model = state.models[kind];
    if (!state.enabled || !model || model.pairs === 0) {
      const note = !state.enabled
        ? 'Taste ranking is off (taste.configure {"enabled": true}, or Settings → Taste).'
        : `No feedback on ${kindLabel[kind]} yet: keep, export, play or discard a few variations first.`;
      return { ...run, order: { by: 'generated', variations: generated, note } };
    }
    const ranked = rankRows(features, model);
    const indices = ranked.map((row) => row.variation);
    const order: VariationOrderInfo = { by: 'taste', variations: indices, scores: ranked.map((row) => row.score) };
    if (kind === 'level') {
      const levels = (run as Extract<Run, { result: { levels: unknown } }>).result.levels;
      const reordered = { ...run, result: { ...run.result, levels: indices.map((index) => levels[index]!) }, order };
      return reordered as unknown as Run & { order: VariationOrderInfo };
    }
    const variations = (run.result as { variations: unknown[] }).variations;
    const reordered = {
      ...run,
      result: { ...run.result, variations: indices.map((index) => variations[index]!) },
      order,
    };
    return reordered as unknown as Run & { order: VariationOrderInfo };
  }

  async explain(request: ParsedRequestOf<'taste.explain'>): Promise<ResponseOf<'taste.explain'>> {
    const state = await this.readState();
    const kinds = request.kind ? [request.kind] : [...tasteKinds];
    return {
      models: kinds.map((kind) => {
        const model = state.models[kind];
        const features = model
          ? model.featureNames
              .map((feature, k) => ({ feature, weight: model.weights[k]! }))
              .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))
          : tasteFeatureNames[kind].map((feature) => ({ feature, weight: 0 }));
        return { ...statusOf(kind, model), features };
      }),
    };
  }

  async status(): Promise<TasteStatus> {
    const state = await this.readState();
    return {
      enabled: state.enabled,
      kinds: tasteKinds.map((kind) => statusOf(kind, state.models[kind])),
      folder: this.options.folder,
    };
  }

  /** Forgets one kind's events and weights (or every kind's): the log is rewritten without them. */
  async reset(request: ParsedRequestOf<'taste.reset'>): Promise<TasteStatus> {
    await this.serially(async () => {
      const state = await this.readState();
      if (request.kind) {
        const kept = (await this.readLines()).filter((line) => kindOfLine(line) !== request.kind);
        await this.replaceFile(this.eventsFile, kept.map((line) => `${JSON.stringify(line)}\n`).join(''));
        delete state.models[request.kind];
      } else {
        await rm(this.eventsFile, { force: true });
        state.models = {};
      }
      await this.writeState(state);
    });
    return this.status();
  }

  async configure(request: ParsedRequestOf<'taste.configure'>): Promise<TasteStatus> {
    await this.serially(async () => {
      const state = await this.readState();
      state.enabled = request.enabled;
      await this.writeState(state);
    });
    return this.status();
  }

  /** Refits one kind from the whole log (other processes' events included), timing the fit alone. */
  private refit(kind: TasteKind, lines: readonly TasteLine[]): KindModel {
    const runs: TasteRun[] = [];
    const events: TasteEvent[] = [];
    for (const line of lines) {
      if ('run' in line && line.run.kind === kind) runs.push(line.run);
      if ('event' in line && line.event.kind === kind) events.push(line.event);
    }
    const started = performance.now();
    const fitted = fitTaste(tasteFeatureNames[kind], runs, events);
    const fitMs = performance.now() - started;
    const rated = new Set(events.map((event) => event.historyId));
    return {
      ...fitted,
      events: events.length,
      runs: rated.size,
      fitMs,
      fittedAt: new Date(this.now()).toISOString(),
    };
  }

  private async entryOf(request: { historyId?: string; jobId?: string }): Promise<HistoryEntry> {
    const entry = request.historyId
      ? await this.options.entryById(request.historyId)
      : await this.options.entryByJob(request.jobId!);
    if (!entry) {
      const which = request.historyId ? `entry ${request.historyId}` : `entry made by job ${request.jobId}`;
      throw new MosaicError(
        'NOT_FOUND',
        `No history ${which}: taste learns from recorded runs; list them (history.list) and give one of their ids.`,
      );
    }
    return entry;
  }

  private async readLines(): Promise<TasteLine[]> {
    const text = await readFile(this.eventsFile, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '';
      throw error;
    });
    const lines: TasteLine[] = [];
    // A line torn by a crash (no newline yet, or not JSON) is skipped: one lost event, never a broken model.
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        lines.push(JSON.parse(line) as TasteLine);
      } catch {
        continue;
      }
    }
    return lines;
  }

  private async readState(): Promise<TasteState> {
    const text = await readFile(this.modelFile, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    if (text === null) return { enabled: true, models: {} };
    try {
      const parsed = JSON.parse(text) as TasteState;
      return { enabled: parsed.enabled !== false, models: parsed.models ?? {} };
    } catch {
      throw new MosaicError(
        'STORE_UNWRITABLE',
        `${this.modelFile} is not readable JSON: remove it (taste reset) and the model is refitted at the next feedback.`,
      );
    }
  }

  private async writeState(state: TasteState): Promise<void> {
    await this.replaceFile(this.modelFile, `${JSON.stringify(state, null, 1)}\n`);
  }

  /** Writes a file whole: a reader sees the old one or the new one, never half. */
  private async replaceFile(file: string, text: string): Promise<void> {
    await mkdir(this.options.folder, { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, text);
    await rename(temporary, file);
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.writing.then(work, work);
    this.writing = next.catch(() => undefined);
    return next;
  }
}

const kindLabel: Record<TasteKind, string> = {
  melody: 'melodies',
  drums: 'drum grooves',
  song: 'songs',
  level: 'levels',
};

function kindOfLine(line: TasteLine): TasteKind {
  return 'run' in line ? line.run.kind : line.event.kind;
}

function statusOf(kind: TasteKind, model: KindModel | undefined): TasteKindStatus {
  if (!model) return { kind, events: 0, runs: 0, pairs: 0, fitted: false };
  return {
    kind,
    events: model.events,
    runs: model.runs,
    pairs: model.pairs,
    fitted: model.pairs > 0,
    fitMs: model.fitMs,
    fittedAt: model.fittedAt,
  };
}

/** Variations best first (ties keep generated order); all score 0 without a model. */
function rankRows(features: readonly number[][], model: FittedTaste | null): RankedVariation[] {
  const rows = features.map((row, variation) => {
    if (!model) return { variation, score: 0, why: [] };
    const { score, shares } = scoreOf(model, row);
    const why = shares
      .map((weight, k) => ({ feature: model.featureNames[k]!, weight }))
      .filter((share) => share.weight !== 0)
      .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))
      .slice(0, whyCount);
    return { variation, score, why };
  });
  return rows.sort((a, b) => b.score - a.score || a.variation - b.variation);
}
