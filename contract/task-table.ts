// The task table: one row per task a model package can serve (its params, its result and the model that serves it by
// default), read by the inference host's pipeline registry, the services and the front doors (transformers.js's table).
import type { z } from 'zod';
import { arrangeParamsSchema, arrangeResultSchema } from './arrange.js';
import { dungeonTaskParamsSchema, dungeonTaskResultSchema } from './dungeons.js';
import { MosaicError, summarizeIssues } from './errors.js';
import { levelTaskParamsSchema, levelTaskResultSchema } from './levels.js';
import { drumsParamsSchema, melodyParamsSchema, musicResultSchema } from './music.js';

/** One row of the table; `id` is the task name a manifest's `task` field holds. */
export interface TaskSpec<
  Id extends string = string,
  Params extends z.ZodType = z.ZodType,
  Result extends z.ZodType = z.ZodType,
> {
  readonly id: Id;
  /** One sentence for help texts and errors. */
  readonly summary: string;
  /** What the pipeline is asked; the inference host parses every request with it before the pipeline runs. */
  readonly params: Params;
  /** What the pipeline answers; the services check every result with it before it leaves for a front door. */
  readonly result: Result;
  /** The model (package name) a request runs with when it names none. */
  readonly defaultModel: string;
}

type Rows = Record<string, Omit<TaskSpec, 'id'>>;

/** Gives each row its key as `id`, so a row is written once. */
function defineTasks<T extends Rows>(rows: T): { readonly [Id in keyof T & string]: T[Id] & { readonly id: Id } } {
  return Object.fromEntries(Object.entries(rows).map(([id, row]) => [id, { id, ...row }])) as {
    [Id in keyof T & string]: T[Id] & { readonly id: Id };
  };
}

/** Adding a task: a row here and a pipeline file in main/inference/tasks/ registered in task-registry.ts. */
export const taskTable = defineTasks({
  'music.melody': {
    summary: 'Melodies, generated or continued, conditioned on style, key, tempo and density, with key lock.',
    params: melodyParamsSchema,
    result: musicResultSchema,
    defaultModel: 'music-melody',
  },
  'music.drums': {
    summary: 'Drum grooves for a style and tempo with real velocities and micro-timing, optionally following a rhythm.',
    params: drumsParamsSchema,
    result: musicResultSchema,
    defaultModel: 'music-drums',
  },
  'music.arrange': {
    summary: 'Arranged songs (melody, chords, bass, drums): any set of track × bar cells written given the rest.',
    params: arrangeParamsSchema,
    result: arrangeResultSchema,
    defaultModel: 'music-arrange',
  },
  'level.platformer': {
    summary: 'Playable platformer levels from a prompt, and regenerated column ranges, checked and repaired.',
    params: levelTaskParamsSchema,
    result: levelTaskResultSchema,
    defaultModel: 'level-platformer',
  },
  'level.dungeon': {
    summary:
      'Top-down dungeons: a room graph with keys before locks, rooms drawn from their doors and role, checked and repaired.',
    params: dungeonTaskParamsSchema,
    result: dungeonTaskResultSchema,
    defaultModel: 'level-dungeon',
  },
});

export type TaskTable = typeof taskTable;
export type TaskId = keyof TaskTable;
/** A row of the table; `TaskEntry<'music.arrange'>` is `taskTable['music.arrange']`. */
export type TaskEntry<Id extends TaskId = TaskId> = TaskTable[Id];
/** Params as a pipeline receives them: parsed, defaults filled in. */
export type TaskParams<Id extends TaskId> = z.output<TaskTable[Id]['params']>;
/** Params as a service sends them: fields with defaults may be left out. */
export type TaskParamsInput<Id extends TaskId> = z.input<TaskTable[Id]['params']>;
export type TaskResult<Id extends TaskId> = z.output<TaskTable[Id]['result']>;

export const taskIds = Object.keys(taskTable) as TaskId[];

export function isTaskId(value: string): value is TaskId {
  return Object.hasOwn(taskTable, value);
}

/** The row of a task named by a manifest or a request; an unknown name is refused with the names that exist. */
export function taskEntry(task: string): TaskEntry {
  if (!isTaskId(task)) {
    throw new MosaicError('BAD_REQUEST', `Unknown task "${task}": the tasks are ${taskIds.join(', ')}.`, {
      task,
      tasks: taskIds,
    });
  }
  return taskTable[task];
}

/** A task's params parsed by its row (absent params are `{}`: every default); BAD_REQUEST says which field is wrong. */
export function parseTaskParams<Id extends TaskId>(entry: TaskSpec<Id>, params: unknown): TaskParams<Id> {
  const parsed = entry.params.safeParse(params ?? {});
  if (!parsed.success) {
    throw new MosaicError('BAD_REQUEST', `Bad ${entry.id} params: ${summarizeIssues(parsed.error.issues)}`, {
      issues: parsed.error.issues,
    });
  }
  return parsed.data as TaskParams<Id>;
}
