// Records every finished generation with its recipe, and reruns a recipe exactly: the same model version, checked
// against the digest that ran, and the same seed.
import { randomUUID } from 'node:crypto';
import type {
  HistoryChange,
  HistoryEntry,
  HistoryItem,
  HistoryMethodId,
  ModelSelector,
  ParsedRequestOf,
  ResolvedModel,
  ResponseOf,
} from '../../../contract/index.js';
import { MosaicError, historyKindOf, methods } from '../../../contract/index.js';
import type { CallContext, MethodHandlers } from '../engine/contract-dispatcher.js';
import { previewOf, summaryOf, type HistoryRun } from './history-summary.js';
import type { HistoryStore } from './history-store.js';

export type RecordedHandlers = Pick<MethodHandlers, HistoryMethodId>;

export interface HistoryServiceOptions {
  store: HistoryStore;
  /** The installed model a selector names, with its graph digest; MODEL_NOT_FOUND when that version is gone. */
  locate(selector: ModelSelector): Promise<ResolvedModel>;
  onDidChange(change: HistoryChange): void;
  /** A run could not be recorded (the result still reaches its caller). */
  onError?(error: unknown): void;
  now?: () => number;
}

export class HistoryService {
  private readonly now: () => number;
  private handlers: RecordedHandlers | null = null;

  constructor(private readonly options: HistoryServiceOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Wraps the generation handlers so each finished run is recorded; regenerate calls the wrapped ones. */
  record(handlers: RecordedHandlers): RecordedHandlers {
    const wrap = <M extends HistoryMethodId>(method: M) => {
      const handler = handlers[method] as (request: ParsedRequestOf<M>, context: CallContext) => Promise<HistoryRun>;
      return async (request: ParsedRequestOf<M>, context: CallContext, regeneratedFrom?: string) => {
        const started = this.now();
        const run = await handler(request, context);
        // A history that cannot be written must not cost the caller the result.
        await this.add(method, request as Record<string, unknown>, run, started, regeneratedFrom).catch((error) =>
          this.options.onError?.(error),
        );
        return run;
      };
    };
    const recorded = {
      'levels.generate': wrap('levels.generate'),
      'levels.regenerate': wrap('levels.regenerate'),
      'music.generate': wrap('music.generate'),
      'music.continue': wrap('music.continue'),
      'music.drums': wrap('music.drums'),
      'music.arrange': wrap('music.arrange'),
      'music.infill': wrap('music.infill'),
      'music.harmonize': wrap('music.harmonize'),
      'music.humanize': wrap('music.humanize'),
      'dungeons.generate': wrap('dungeons.generate'),
      'dungeons.regenerateRoom': wrap('dungeons.regenerateRoom'),
    } as unknown as RecordedHandlers;
    this.handlers = recorded;
    return recorded;
  }

  async list(request: ParsedRequestOf<'history.list'>): Promise<ResponseOf<'history.list'>> {
    const all = (await this.options.store.list()).filter(
      (entry) =>
        (!request.kind || entry.kind === request.kind) &&
        (request.kept === undefined || (entry.kept === true) === request.kept),
    );
    return {
      items: all.slice(request.offset, request.offset + request.limit).map(itemOf),
      total: all.length,
    };
  }

  async get(id: string): Promise<HistoryEntry> {
    const entry = await this.options.store.get(id);
    if (!entry) throw new MosaicError('NOT_FOUND', `No history entry ${id}.`);
    return entry;
  }

  async regenerate(id: string, context: CallContext): Promise<ResponseOf<'history.regenerate'>> {
    const entry = await this.get(id);
    const pinned = { name: entry.model.name, version: entry.model.version, precision: entry.model.precision };
    const installed = await this.options.locate(pinned).catch((error: unknown) => {
      if (error instanceof MosaicError && error.code === 'MODEL_NOT_FOUND') {
        throw new MosaicError(
          'MODEL_NOT_FOUND',
          `${entry.model.name}@${entry.model.version} (${entry.model.precision}) made this result and is no longer installed; install it again to regenerate exactly.`,
        );
      }
      throw error;
    });
    if (installed.digest !== entry.model.digest) {
      throw new MosaicError(
        'INCOMPATIBLE_MODEL',
        `${entry.model.name}@${entry.model.version} is installed with another graph (${installed.digest.slice(0, 12)}, not ${entry.model.digest.slice(0, 12)}); the result cannot be reproduced exactly.`,
      );
    }
    const parsed = methods[entry.method].request.safeParse({ ...entry.request, model: pinned });
    if (!parsed.success) {
      throw new MosaicError('INCOMPATIBLE_MODEL', `The recipe of ${id} no longer fits ${entry.method}.`);
    }
    if (!this.handlers) throw new MosaicError('INTERNAL', 'History is not recording.');
    const handler = this.handlers[entry.method] as unknown as (
      request: unknown,
      context: CallContext,
      regeneratedFrom: string,
    ) => Promise<HistoryRun>;
    return handler(parsed.data, context, entry.id);
  }

  /**
   * Stars (or unstars) an entry, found by id or by the job that made it; with `variation`, only that variation (the
   * entry stays kept while any variation is). NOT_FOUND for an entry the history does not hold.
   */
  async keep(request: ParsedRequestOf<'history.keep'>): Promise<ResponseOf<'history.keep'>> {
    const entry = request.id
      ? await this.options.store.get(request.id)
      : (await this.options.store.list()).find((candidate) => candidate.jobId === request.jobId);
    if (!entry) {
      const which = request.id ? `entry ${request.id}` : `entry made by job ${request.jobId}`;
      throw new MosaicError(
        'NOT_FOUND',
        `No history ${which}: only recorded runs can be kept; list them (history.list) and star one of those.`,
      );
    }
    let variations: number[] = [];
    if (request.variation !== undefined) {
      const others = (entry.keptVariations ?? []).filter((index) => index !== request.variation);
      variations = request.kept ? [...others, request.variation].sort((a, b) => a - b) : others;
    }
    const kept = request.variation === undefined ? request.kept : variations.length > 0;
    await this.options.store.setKept(entry.id, kept, variations);
    this.options.onDidChange({ change: 'kept', id: entry.id });
    return { id: entry.id, kept, keptVariations: variations };
  }

  async remove(id: string): Promise<boolean> {
    const removed = await this.options.store.remove(id);
    if (removed) this.options.onDidChange({ change: 'removed', id });
    return removed;
  }

  async clear(): Promise<number> {
    const removed = await this.options.store.clear();
    this.options.onDidChange({ change: 'cleared', id: null });
    return removed;
  }

  private async add(
    method: HistoryMethodId,
    request: Record<string, unknown>,
    run: HistoryRun,
    started: number,
    regeneratedFrom: string | undefined,
  ): Promise<void> {
    const seed = 'seed' in run ? run.seed : run.result.seed;
    const finished = this.now();
    const entry: HistoryEntry = {
      id: randomUUID(),
      kind: historyKindOf(method),
      method,
      request: { ...request, seed },
      model: run.model,
      seed,
      jobId: run.jobId,
      createdAt: new Date(finished).toISOString(),
      durationMs: Math.max(0, finished - started),
      ...(regeneratedFrom ? { regeneratedFrom } : {}),
      summary: summaryOf(run, method),
      preview: previewOf(run),
      run,
    };
    await this.options.store.add(entry);
    this.options.onDidChange({ change: 'added', id: entry.id });
  }
}

function itemOf(entry: HistoryEntry): HistoryItem {
  const { run: _run, ...item } = entry;
  return item;
}
