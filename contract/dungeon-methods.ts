// Contract methods of the dungeons domain: generate, redraw one room, export to VGLC text / Tiled / LDtk / PNG.
import { z } from 'zod';
import {
  dungeonGenerateFieldsSchema,
  dungeonRegenerateRoomFieldsSchema,
  dungeonSchema,
  dungeonTaskResultSchema,
} from './dungeons.js';
import { modelSelectorSchema, resolvedModelSchema } from './inference-methods.js';
import { exportedFileSchema, exportFileStemPattern } from './level-methods.js';
import { levelProvenanceSchema } from './levels.js';
import { defineMethod } from './method-spec.js';
import { taskTable } from './task-table.js';

const modelField = {
  /** An installed level.dungeon model; by default the active version of the task's default model. */
  model: modelSelectorSchema.default({ name: taskTable['level.dungeon'].defaultModel }),
};

export const dungeonRunSchema = z.object({
  model: resolvedModelSchema,
  jobId: z.string(),
  result: dungeonTaskResultSchema,
});
export type DungeonRun = z.infer<typeof dungeonRunSchema>;

/** True for a dungeons.generate or dungeons.regenerateRoom answer among other runs (History holds every kind). */
export function isDungeonRun<Run extends { result: object }>(run: Run | DungeonRun): run is DungeonRun {
  return Array.isArray((run.result as { dungeons?: unknown }).dungeons);
}

/** vglc: VGLC Zelda text (.txt); tmj: Tiled map; ldtk: LDtk 1.5 project (GridVania); png: the dungeon drawn. */
export const dungeonExportFormats = ['vglc', 'tmj', 'ldtk', 'png'] as const;
export type DungeonExportFormat = (typeof dungeonExportFormats)[number];

export const dungeonMethods = {
  'dungeons.generate': defineMethod({
    summary:
      'Generates top-down dungeons: rooms on a grid joined by doors, keys before their locks, every room drawn by the model and checked by an agent.',
    request: dungeonGenerateFieldsSchema.extend(modelField).strict(),
    response: dungeonRunSchema,
    http: 'POST',
  }),
  'dungeons.regenerateRoom': defineMethod({
    summary: 'Redraws one room of a dungeon with the model, keeping its doors, role and the rest of the dungeon.',
    request: dungeonRegenerateRoomFieldsSchema.extend(modelField).strict(),
    response: dungeonRunSchema,
    http: 'POST',
  }),
  'dungeons.export': defineMethod({
    summary:
      'Exports a dungeon as VGLC Zelda text, a Tiled map (.tmj + .tsj + tileset PNG), an LDtk project (.ldtk + tileset PNG) or a PNG.',
    request: z
      .object({
        dungeon: dungeonSchema,
        provenance: levelProvenanceSchema,
        format: z.enum(dungeonExportFormats),
        /** File name without extension. */
        name: z.string().regex(exportFileStemPattern).default('dungeon'),
      })
      .strict(),
    response: z.object({ files: z.array(exportedFileSchema) }),
    http: 'POST',
  }),
};
