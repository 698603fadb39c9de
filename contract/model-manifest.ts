// The model package format: `manifest.json`, the strict identifiers it is built from, and the limits that keep it safe.
import { z } from 'zod';
import { taskIds } from './task-table.js';

/** Largest single file a manifest may declare, in bytes (16 GiB): anything larger is refused before a byte is fetched. */
export const maxManifestFileBytes = 16 * 1024 ** 3;
/** Largest manifest.json accepted, in bytes. */
export const maxManifestBytes = 1024 * 1024;

/** Lower-case words joined by single `.`, `_` or `-`: never `..`, never a path separator, at most 64 characters. */
export const modelNamePattern = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
export const modelNameSchema = z
  .string()
  .max(64)
  .regex(modelNamePattern, 'lower-case letters and digits joined by single ".", "_" or "-"')
  .describe('Model name: lower-case letters and digits joined by single ".", "_" or "-" (at most 64 characters).');

/** Semantic Versioning 2.0.0 (semver.org's own expression), at most 64 characters. */
export const semverPattern =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;
export const semverSchema = z
  .string()
  .max(64)
  .regex(semverPattern, 'a semantic version such as 1.2.0')
  .describe('A semantic version (semver.org 2.0.0), e.g. 1.2.0 or 2.0.0-rc.1.');

/** Lower-case hex SHA-256 without a prefix: 64 characters. */
export const sha256Pattern = /^[a-f0-9]{64}$/;
export const sha256Schema = z
  .string()
  .regex(sha256Pattern, '64 lower-case hex digits')
  .describe('SHA-256 of the content, 64 lower-case hex digits.');

/**
 * A task name: the task table's (contract/task-table.ts) or any other dotted lower-case name, so a package made for a
 * newer app installs and serves raw generation; running it as a task needs a row of the table (checked at run time).
 */
export const taskPattern = /^[a-z][a-z0-9]*(?:\.[a-z][a-z0-9-]*){1,3}$/;
export const taskSchema = z
  .string()
  .max(64)
  .regex(taskPattern, 'a dotted lower-case task name such as music.melody')
  .describe(`The task the model performs: ${taskIds.join(', ')}, or another dotted lower-case name.`);

/** A relative POSIX path inside the package: 1–8 segments of [A-Za-z0-9._-], no "." or ".." segment, ≤ 100 characters. */
export const packagePathPattern = /^(?!.*(?:^|\/)\.{1,2}(?:\/|$))[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+){0,7}$/;
export const packagePathSchema = z
  .string()
  .max(100)
  .regex(packagePathPattern, 'a relative path of [A-Za-z0-9._-] segments without "." or ".."')
  .describe('Path of the file inside the package folder, relative, "/"-separated.');

export const fileRoles = ['graph', 'tokenizer', 'vocabulary', 'config', 'card', 'weights', 'data', 'other'] as const;

export const manifestFileSchema = z
  .object({
    path: packagePathSchema,
    /** Exact size in bytes; a download stops as soon as more arrive. */
    size: z.number().int().nonnegative().max(maxManifestFileBytes).describe('Exact size in bytes.'),
    sha256: sha256Schema,
    role: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,31}$/)
      .describe(`What the file is for: ${fileRoles.join(', ')}, or another lower-case word.`),
  })
  .strict();
export type ManifestFile = z.infer<typeof manifestFileSchema>;

export const tensorDtypes = ['float32', 'float16', 'int64', 'int32', 'int8', 'uint8', 'bool'] as const;

export const tensorSignatureSchema = z
  .object({
    name: z.string().min(1).max(128),
    dtype: z.enum(tensorDtypes),
    /** Outermost first; a string is a symbolic dimension such as "batch" or "sequence". */
    shape: z
      .array(z.union([z.number().int().nonnegative(), z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,31}$/)]))
      .max(8)
      .describe('Dimensions, outermost first: a count, or a symbolic name such as "batch".'),
  })
  .strict();
export type TensorSignature = z.infer<typeof tensorSignatureSchema>;

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export const jsonValueSchema: z.ZodType<JsonValue> = z
  .lazy(() =>
    z.union([
      z.string(),
      z.number(),
      z.boolean(),
      z.null(),
      z.array(jsonValueSchema),
      z.record(z.string(), jsonValueSchema),
    ]),
  )
  .meta({ id: 'JsonValue' });

export const precisions = ['fp32', 'fp16', 'int8'] as const;
export const precisionSchema = z.enum(precisions).describe('Numeric precision of the graph weights.');
export type Precision = (typeof precisions)[number];

const filesSchema = z
  .array(manifestFileSchema)
  .min(1)
  .max(256)
  .refine((files) => new Set(files.map((file) => file.path)).size === files.length, 'file paths must be unique');

export const modelManifestSchema = z
  .object({
    /** Version of this manifest format; a newer format needs a newer app. */
    schemaVersion: z.literal(1).describe('Version of the manifest format.'),
    name: modelNameSchema,
    version: semverSchema,
    task: taskSchema,
    description: z.string().max(500).optional(),
    files: filesSchema.describe('Every file of the package, each with its exact size and SHA-256.'),
    inputs: z.array(tensorSignatureSchema).max(64),
    outputs: z.array(tensorSignatureSchema).max(64),
    /** Generation parameters the task pipeline starts from (temperature, top-k, bars, ...). */
    defaults: z.record(z.string(), jsonValueSchema).describe('Default generation parameters, free-form JSON.'),
    precision: precisionSchema,
    /** The same version at other precisions; installed with the package, chosen at load time. */
    variants: z
      .array(z.object({ precision: precisionSchema, files: filesSchema }).strict())
      .max(4)
      .optional()
      .describe('The same version at other precisions.'),
    minAppVersion: semverSchema.describe('Oldest Mosaic Studio version that can run this package.'),
    licence: z.string().min(1).max(200).describe('Licence of the model weights (an SPDX identifier where one fits).'),
    trainingData: z
      .array(
        z
          .object({
            name: z.string().min(1).max(200),
            licence: z.string().min(1).max(200),
            url: z.url({ protocol: /^https?$/ }).optional(),
          })
          .strict(),
      )
      .max(64),
    /** True only when the weights and every training set allow commercial use. */
    commercialUse: z.boolean(),
    evaluation: z
      .record(z.string().max(64), z.union([z.number(), z.string().max(200)]))
      .describe('Evaluation figures by metric name (numbers, or strings for ranges and notes).'),
    /** Which input/output convention the graph follows, so the runtime knows how to feed it, e.g. "mosaic-kv-v1". */
    graphLayout: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,63}$/)
      .describe('Input/output convention of the graph, e.g. mosaic-kv-v1.'),
    /** For sequence models: the most positions (tokens) one sequence may hold; the decoder sizes its cache by it. */
    maxPositions: z
      .number()
      .int()
      .positive()
      .max(1_000_000)
      .optional()
      .describe('Most positions (tokens) one sequence may hold, for sequence models.'),
    createdAt: z.iso.datetime({ offset: true }).describe('When the package was built (ISO 8601).'),
  })
  .strict()
  .superRefine((manifest, context) => {
    const paths = new Set(manifest.files.map((file) => file.path));
    for (const [index, variant] of (manifest.variants ?? []).entries()) {
      for (const file of variant.files) {
        if (paths.has(file.path)) {
          context.addIssue({ code: 'custom', path: ['variants', index], message: `file ${file.path} is listed twice` });
        }
        paths.add(file.path);
      }
    }
    // The same content always has the same size; two sizes for one digest is a forged or broken manifest.
    const sizes = new Map<string, number>();
    for (const file of manifestFiles(manifest)) {
      if ((sizes.get(file.sha256) ?? file.size) !== file.size) {
        context.addIssue({ code: 'custom', path: ['files'], message: `sha256 ${file.sha256} is given two sizes` });
      }
      sizes.set(file.sha256, file.size);
    }
  })
  .meta({ title: 'Mosaic Studio model manifest', description: 'manifest.json of a Mosaic Studio model package.' });

export type ModelManifest = z.infer<typeof modelManifestSchema>;

/** Every file a package holds: its main files, then each variant's. */
export function manifestFiles(manifest: Pick<ModelManifest, 'files' | 'variants'>): ManifestFile[] {
  return [...manifest.files, ...(manifest.variants ?? []).flatMap((variant) => variant.files)];
}

/** `name@version`, the way every front door names one installed version. */
export function modelRef(name: string, version: string): string {
  return `${name}@${version}`;
}
