// The `level.dungeon` task: dungeon graph (deterministic from the seed) → every room drawn by the room model in one
// batch → the agent's checks → repairs (model redraws, then carved floor) → spawn, keys, boss and the agent's route.
import { MosaicError, describeDungeonRequest } from '../../../../contract/index.js';
import type { Dungeon, DungeonTaskResult, TaskParams } from '../../../../contract/index.js';
import type { SamplingOptions } from '../../decoding/sampler.js';
import { mixSeed } from '../level/level-decoder.js';
import { PackageVocabularies } from '../package-vocabularies.js';
import type { TaskContext, TaskPipeline } from '../task-pipeline.js';
import { buildDungeon, type RoomDrawer } from './dungeon-builder.js';
import { layoutOfDungeon } from './dungeon-edit.js';
import { planDungeon } from './dungeon-layout.js';
import { interiorOf } from './dungeon-rooms.js';
import { RoomDecoder } from './room-decoder.js';
import { RoomVocabulary } from './room-vocabulary.js';

/** The vocabulary file a level.dungeon package carries next to its graph. */
export const roomVocabularyFile = 'room-vocab.json';
/** Model redraws of a failing room before a path is carved, when neither the request nor the manifest says. */
const defaultRepairBudget = 3;
/** Redraw rounds for rooms whose monsters, blocks or water miss the buckets asked for. */
const adherenceRounds = 2;

type DungeonParams = TaskParams<'level.dungeon'>;

export class DungeonPipeline implements TaskPipeline<'level.dungeon'> {
  readonly task = 'level.dungeon';
  private readonly vocabularies = new PackageVocabularies(
    roomVocabularyFile,
    (path) => RoomVocabulary.fromFile(path),
    'room',
  );

  async run(context: TaskContext, params: DungeonParams): Promise<DungeonTaskResult> {
    const started = performance.now();
    const vocabulary = this.vocabularies.of(context);
    const defaults = context.modelDefaults;
    const number = (value: unknown, fallback: number) => (typeof value === 'number' ? value : fallback);
    const sampling: SamplingOptions = {
      temperature: params.temperature ?? number(defaults.temperature, 1),
      topK: number(defaults.topK, 0),
      topP: params.topP ?? number(defaults.topP, 1),
    };
    const budget = params.repairBudget ?? number(defaults.repairBudget, defaultRepairBudget);
    const seed = params.seed ?? Math.floor(Math.random() * 0x100000000);
    const decoder = new RoomDecoder(context, vocabulary, sampling);
    const drawer =
      (streamSeed: number, onProgress?: (fraction: number) => void): RoomDrawer =>
      (conditions, round) =>
        decoder.draw(conditions, mixSeed(streamSeed, round), round === 0 ? onProgress : undefined);

    const dungeons: Dungeon[] = [];
    let prompt: string;
    if (params.mode === 'generate') {
      prompt = describeDungeonRequest(params);
      for (let variation = 0; variation < params.variations; variation += 1) {
        if (context.isCancelled()) throw new MosaicError('CANCELLED', 'Dungeon generation was cancelled.');
        const share = 1 / params.variations;
        const report = (fraction: number) =>
          context.reportProgress({
            fraction: share * (variation + 0.8 * fraction),
            message: `drawing the rooms of dungeon ${variation + 1}`,
          });
        report(0);
        const variationSeed = mixSeed(seed, variation);
        const layout = planDungeon(params, variationSeed);
        dungeons.push(await buildDungeon(layout, drawer(variationSeed, report), { variation, repairBudget: budget }));
      }
    } else {
      const layout = layoutOfDungeon(params.dungeon);
      if (params.room >= layout.rooms.length) {
        throw new MosaicError(
          'BAD_REQUEST',
          `Room ${params.room} is not in the dungeon: its rooms are 0–${layout.rooms.length - 1}.`,
        );
      }
      prompt = `room ${params.room} of ${layout.rooms.length}`;
      context.reportProgress({ fraction: 0, message: `drawing room ${params.room}` });
      const keep = new Map(
        params.dungeon.rooms.filter((room) => room.id !== params.room).map((room) => [room.id, interiorOf(room.tiles)]),
      );
      dungeons.push(
        await buildDungeon(layout, drawer(seed), {
          variation: params.dungeon.variation,
          repairBudget: budget,
          adherence: { measure: (interior) => vocabulary.measure(interior), rounds: adherenceRounds },
          keep,
        }),
      );
    }
    context.reportProgress({ fraction: 1, message: 'done' });
    return { mode: params.mode, seed, prompt, dungeons, totalMs: performance.now() - started };
  }
}
