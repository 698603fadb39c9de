// Contract methods of the levels domain: generate, regenerate a region, export to Tiled / LDtk / PNG / VGLC text.
import { z } from 'zod';
import { modelSelectorSchema, resolvedModelSchema } from './inference-methods.js';
import {
  levelCellSchema,
  levelGenerateParamsSchema,
  levelProvenanceSchema,
  levelRegenerateFieldsSchema,
  isLevelRegion,
  levelRowsSchema,
  levelTaskResultSchema,
} from './levels.js';
import { defineMethod } from './method-spec.js';
import { taskTable } from './task-table.js';
import { variationOrderField, variationOrderSchema } from './taste-methods.js';

const modelField = {
  /** An installed level.platformer model; by default the active version of the task's default model. */
  model: modelSelectorSchema.default({ name: taskTable['level.platformer'].defaultModel }),
};

export const levelRunSchema = z.object({
  model: resolvedModelSchema,
  jobId: z.string(),
  result: levelTaskResultSchema,
  /** Present when the request asked for an order (`order`): which generated variation each returned one is. */
  order: variationOrderSchema.optional(),
});
export type LevelRun = z.infer<typeof levelRunSchema>;

/** tmj: Tiled map; ldtk: LDtk 1.5 project; png: the level drawn; txt: VGLC text. */
export const levelExportFormats = ['tmj', 'ldtk', 'png', 'txt'] as const;
export type LevelExportFormat = (typeof levelExportFormats)[number];

export const exportedFileSchema = z.object({
  /** File name relative to the export folder. */
  name: z.string(),
  mediaType: z.string(),
  /** The file's bytes, base64-encoded. */
  base64: z.string(),
});
export type ExportedFile = z.infer<typeof exportedFileSchema>;

/** The file stem an export method accepts: it names files in a folder, so no separators, at most 120 characters. */
export const exportFileStemPattern = /^[A-Za-z0-9._ -]{1,120}$/;

export const levelTilesetSchema = z.object({
  /** Pixels per tile side. */
  tileSize: z.number().int().positive(),
  /** VGLC characters in strip order: tile i is drawn from x = i × tileSize; air has no tile. */
  tiles: z.array(z.string().length(1)),
  /** Sky colour behind the tiles, as #rrggbb. */
  background: z.string(),
  /** The strip as a PNG, base64-encoded. */
  pngBase64: z.string(),
});

export const levelMethods = {
  'levels.tileset': defineMethod({
    summary: 'The tile art levels are drawn with: one PNG strip and the VGLC character of each tile.',
    request: z.object({}).strict(),
    response: levelTilesetSchema,
    http: 'GET',
  }),
  'levels.generate': defineMethod({
    summary: 'Generates playable platformer levels from a MarioGPT-style prompt (checked and repaired by an agent).',
    request: levelGenerateParamsSchema
      .omit({ mode: true })
      .extend({ ...modelField, ...variationOrderField })
      .strict(),
    response: levelRunSchema,
    http: 'POST',
  }),
  'levels.regenerate': defineMethod({
    summary: 'Regenerates columns [from, to) of a level, keeping the rest and the seams playable.',
    request: levelRegenerateFieldsSchema
      .omit({ mode: true })
      .extend(modelField)
      .strict()
      .refine(isLevelRegion, { message: 'from < to ≤ the level width' }),
    response: levelRunSchema,
    http: 'POST',
  }),
  'levels.export': defineMethod({
    summary:
      'Exports a level as a Tiled map (.tmj + .tsj + tileset PNG), an LDtk project (.ldtk + tileset PNG), a PNG render or VGLC text.',
    request: z
      .object({
        level: z
          .object({
            rows: levelRowsSchema,
            path: z.array(levelCellSchema).max(100_000).optional(),
            spawn: levelCellSchema.nullable().optional(),
            goal: levelCellSchema.nullable().optional(),
            playable: z.boolean().optional(),
          })
          .describe('A level as levels.generate returns it (other fields are ignored).'),
        provenance: levelProvenanceSchema,
        format: z.enum(levelExportFormats),
        /** File name without extension. */
        name: z.string().regex(exportFileStemPattern).default('level'),
      })
      .strict(),
    response: z.object({ files: z.array(exportedFileSchema) }),
    http: 'POST',
  }),
};
