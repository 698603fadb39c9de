// The platformer level task (`level.platformer`): prompts, generate and region-regenerate parameters, and results.
import { z } from 'zod';

/** Rows of every level grid (VGLC Super Mario Bros height). */
export const levelRows = 14;
/** The VGLC tile alphabet, one character per tile. */
export const levelTiles = '-XS?QE<>[]oBb';
/** What each VGLC tile is, for legends and exports. */
export const levelTileNames: Readonly<Record<string, string>> = {
  '-': 'air',
  X: 'ground',
  S: 'brick',
  '?': 'question block',
  Q: 'empty block',
  E: 'enemy',
  '<': 'pipe top left',
  '>': 'pipe top right',
  '[': 'pipe left',
  ']': 'pipe right',
  o: 'coin',
  B: 'cannon top',
  b: 'cannon base',
};

export const pipeAmounts = ['none', 'little', 'some', 'many'] as const;
export const enemyAmounts = ['none', 'little', 'some', 'many'] as const;
export const blockAmounts = ['little', 'some', 'many'] as const;
export const elevations = ['low', 'high'] as const;

/**
 * MarioGPT's prompt attributes, counted per 50 columns: pipes (`<>` pairs; none 0, little ≤ 2, some ≤ 5, many > 5),
 * enemies (E and cannon tops; none ≤ 1, little ≤ 3, some ≤ 7, many > 7), blocks (X S ? Q, ground included; little
 * ≤ 75, some ≤ 176, many > 176), elevation (high when X or a pipe top lies in the top 6 rows).
 */
export const levelAttributesSchema = z
  .object({
    pipes: z.enum(pipeAmounts),
    enemies: z.enum(enemyAmounts),
    blocks: z.enum(blockAmounts),
    elevation: z.enum(elevations),
  })
  .strict();
export type LevelAttributes = z.infer<typeof levelAttributesSchema>;

/** A level as VGLC text: 14 rows of equal width, top row first, one tile character per column. */
export const levelRowsSchema = z
  .array(
    z
      .string()
      .min(1)
      .max(1024)
      .regex(/^[-XS?QE<>[\]oBb]+$/, 'VGLC tiles'),
  )
  .length(levelRows)
  .refine((rows) => rows.every((row) => row.length === rows[0]!.length), 'rows must have the same width')
  .describe('14 rows of VGLC tiles, top row first.');

const samplingFields = {
  /** Softmax temperature (default from the model's manifest). */
  temperature: z.number().min(0).max(5).optional(),
  /** Keep the k most likely columns (0 = all). */
  topK: z.number().int().min(0).max(4096).optional(),
  topP: z.number().gt(0).max(1).optional(),
};
const steeringFields = {
  /** MarioGPT-style text, e.g. "many pipes, some enemies, little blocks, low elevation"; unnamed attributes default. */
  prompt: z.string().max(300).optional(),
  /** Structured attributes; each one given overrides the same attribute in `prompt`. */
  attributes: levelAttributesSchema.partial().optional(),
  /** Unsigned 32-bit seed: variation v of a seed is the same whatever the batch size. Random when absent. */
  seed: z.number().int().min(0).max(0xffffffff).optional(),
  /** Repair rounds allowed per level before it is returned as it is (0 = check only). */
  repairBudget: z.number().int().min(0).max(64).optional(),
  ...samplingFields,
};

export const levelGenerateParamsSchema = z
  .object({
    mode: z.literal('generate').default('generate'),
    /** Level width in columns (16 px tiles). */
    width: z.number().int().min(16).max(1024).default(100),
    /** Levels generated together from one prompt. */
    variations: z.number().int().min(1).max(8).default(1),
    ...steeringFields,
  })
  .strict();

/** The regenerate fields without the cross-field check: for composing request schemas (zod refuses `.omit` on refined objects). */
export const levelRegenerateFieldsSchema = z
  .object({
    mode: z.literal('regenerate'),
    /** The level to edit; columns outside [from, to) are returned unchanged. */
    rows: levelRowsSchema,
    /** First column regenerated (inclusive). */
    from: z.number().int().min(0),
    /** Column after the last one regenerated (exclusive). */
    to: z.number().int().min(1),
    variations: z.number().int().min(1).max(8).default(1),
    ...steeringFields,
  })
  .strict();

/**
 * Columns [from, to) as people read them, inclusive at both ends: "20–35" for from 20, to 36; "20" for one column. Every
 * label (History, the Levels workspace, job names) uses this; requests and results keep the half-open [from, to).
 */
export function describeLevelColumns(from: number, toExclusive: number): string {
  return toExclusive - from <= 1 ? `${from}` : `${from}–${toExclusive - 1}`;
}

/** True when [from, to) is a non-empty span inside the level. */
export function isLevelRegion(params: { rows: readonly string[]; from: number; to: number }): boolean {
  return params.from < params.to && params.to <= (params.rows[0]?.length ?? 0);
}

export const levelRegenerateParamsSchema = levelRegenerateFieldsSchema.refine(isLevelRegion, {
  message: 'from < to ≤ the level width',
});

export const levelTaskParamsSchema = z.union([levelGenerateParamsSchema, levelRegenerateParamsSchema]);
export type LevelGenerateParams = z.input<typeof levelGenerateParamsSchema>;
export type LevelRegenerateParams = z.input<typeof levelRegenerateParamsSchema>;
export type LevelTaskParams = z.output<typeof levelTaskParamsSchema>;

/** A tile position: x is the column from the left, y the row from the top (may be negative above the screen). */
export const levelCellSchema = z.tuple([z.number().int(), z.number().int()]);
export type LevelCell = z.infer<typeof levelCellSchema>;

export const levelRepairSchema = z
  .object({
    /** regenerate: the model redrew the columns; bridge: a floor was laid; restore: original columns were put back. */
    kind: z.enum(['regenerate', 'bridge', 'restore']),
    /** Columns changed, [from, to). */
    from: z.number().int(),
    to: z.number().int(),
    /** Why: the column the agent could not get past. */
    stuckAt: z.number().int(),
  })
  .strict();
export type LevelRepair = z.infer<typeof levelRepairSchema>;

export const generatedLevelSchema = z
  .object({
    variation: z.number().int().min(0),
    rows: levelRowsSchema,
    /** The playability agent's route from spawn to goal (or to the furthest cell it reached), one cell per move. */
    path: z.array(levelCellSchema),
    playable: z.boolean(),
    /** Where the player starts (on the ground, in one of the first 3 columns) and finishes (standing in the last). */
    spawn: levelCellSchema.nullable(),
    goal: levelCellSchema.nullable(),
    repairs: z.array(levelRepairSchema),
    /** The attributes the delivered level actually has, and how many of the 4 requested ones it meets. */
    attributes: levelAttributesSchema,
    adherence: z.number().int().min(0).max(4),
    stats: z
      .object({
        /** Milliseconds in the decoder, the playability agent and the repairs for this level. */
        decodeMs: z.number(),
        checkMs: z.number(),
        repairMs: z.number(),
        /** Columns redrawn or laid by repairs. */
        repairedColumns: z.number().int(),
      })
      .strict(),
  })
  .strict();
export type GeneratedLevel = z.infer<typeof generatedLevelSchema>;

export const levelTaskResultSchema = z
  .object({
    mode: z.enum(['generate', 'regenerate']),
    /** The prompt as understood, in canonical MarioGPT words. */
    prompt: z.string(),
    attributes: levelAttributesSchema,
    seed: z.number().int().min(0).max(0xffffffff),
    width: z.number().int(),
    /** Regenerate only: the columns redrawn, [from, to). */
    region: z.object({ from: z.number().int(), to: z.number().int() }).strict().optional(),
    levels: z.array(generatedLevelSchema),
    /** Wall time of the whole task in milliseconds. */
    totalMs: z.number(),
  })
  .strict();
export type LevelTaskResult = z.infer<typeof levelTaskResultSchema>;

/** What an export records about where a level came from (Tiled map properties, PNG text chunks). */
export const levelProvenanceSchema = z
  .object({
    /** `name@version` of the model. */
    model: z.string().max(200),
    /** sha256 of the model's graph. */
    digest: z.string().max(100),
    prompt: z.string().max(300),
    seed: z.number().int().min(0).max(0xffffffff),
  })
  .strict();
export type LevelProvenance = z.infer<typeof levelProvenanceSchema>;
