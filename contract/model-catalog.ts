// The catalog format: a static `catalog.json` index over model packages that any folder or HTTP server can host.
import { z } from 'zod';
import { modelNameSchema, packagePathSchema, semverSchema, sha256Schema, taskSchema } from './model-manifest.js';

/** Largest catalog.json accepted, in bytes. */
export const maxCatalogBytes = 8 * 1024 * 1024;

/** Where a version's manifest lives: a path relative to catalog.json, or an absolute http(s) URL. */
export const catalogLocationSchema = z.union([packagePathSchema.max(200), z.url({ protocol: /^https?$/ }).max(2000)]);

export const catalogVersionSchema = z
  .object({
    manifest: catalogLocationSchema.describe('manifest.json of this version, relative to catalog.json or a URL.'),
    /** SHA-256 of the manifest's bytes, so a tampered manifest is refused before it is parsed. */
    manifestSha256: sha256Schema,
    task: taskSchema,
    /** Sum of the sizes of every file of the version, in bytes. */
    sizeBytes: z.number().int().nonnegative(),
    minAppVersion: semverSchema,
    publishedAt: z.iso.datetime({ offset: true }),
  })
  .strict();
export type CatalogVersion = z.infer<typeof catalogVersionSchema>;

export const catalogIndexSchema = z
  .object({
    format: z.literal('mosaic-catalog').describe('Identifies the file as a Mosaic Studio catalog.'),
    formatVersion: z.literal(1),
    /** Where blobs are fetched from: `<blobBase>sha256-<hex>`, relative to catalog.json unless absolute. */
    blobBase: z
      .union([z.string().regex(/^(?:(?!\.{1,2}\/)[A-Za-z0-9._-]+\/)*$/), z.url({ protocol: /^https?$/ }).max(2000)])
      .default('blobs/')
      .describe('Folder (ending in "/") that holds blobs named sha256-<hex>, relative to catalog.json or a URL.'),
    updatedAt: z.iso.datetime({ offset: true }),
    models: z.record(modelNameSchema, z.object({ versions: z.record(semverSchema, catalogVersionSchema) }).strict()),
  })
  .strict()
  .meta({
    title: 'Mosaic Studio catalog',
    description: 'catalog.json: an index of model packages and their versions.',
  });
export type CatalogIndex = z.infer<typeof catalogIndexSchema>;
