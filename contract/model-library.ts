// What the model library reports: installed versions, catalogs, install jobs, activations, and store audits.
import { z } from 'zod';
import { errorPayloadSchema } from './errors.js';
import {
  modelManifestSchema,
  modelNameSchema,
  precisionSchema,
  semverSchema,
  sha256Schema,
  taskSchema,
} from './model-manifest.js';

const isoTime = z.iso.datetime({ offset: true });
const bytes = z.number().int().nonnegative();
/** A catalog's id: lower-case words, like a model name. */
export const catalogIdSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:[._-][a-z0-9]+)*$/)
  .max(64);

export const installedVersionSchema = z.object({
  version: semverSchema,
  task: taskSchema,
  precision: precisionSchema,
  /** Sum of the version's file sizes, in bytes (shared blobs counted in full). */
  sizeBytes: bytes,
  fileCount: z.number().int().nonnegative(),
  licence: z.string(),
  commercialUse: z.boolean(),
  installedAt: isoTime,
  active: z.boolean(),
});
export type InstalledVersion = z.infer<typeof installedVersionSchema>;

export const installedModelSchema = z.object({
  name: modelNameSchema,
  activeVersion: semverSchema.nullable(),
  /** Newest first. */
  versions: z.array(installedVersionSchema),
  /** Bytes on disk for all its versions, each shared blob counted once. */
  diskBytes: bytes,
  /** The newest compatible version a catalog offers above every installed one, if any. */
  update: z.object({ version: semverSchema, catalogId: catalogIdSchema }).nullable(),
});
export type InstalledModel = z.infer<typeof installedModelSchema>;

export const modelListSchema = z.object({ models: z.array(installedModelSchema), totalBytes: bytes });
export type ModelList = z.infer<typeof modelListSchema>;

export const catalogModelSchema = z.object({
  name: modelNameSchema,
  task: taskSchema,
  /** Newest first. */
  versions: z.array(
    z.object({
      version: semverSchema,
      publishedAt: isoTime,
      sizeBytes: bytes,
      minAppVersion: semverSchema,
      /** False when the version needs a newer app than this one. */
      compatible: z.boolean(),
      installed: z.boolean(),
    }),
  ),
});

export const catalogStatusSchema = z.object({
  id: catalogIdSchema,
  /** An absolute folder path or an http(s) URL. */
  location: z.string(),
  kind: z.enum(['folder', 'http']),
  /** The app's bundled catalog, which cannot be removed. */
  builtIn: z.boolean(),
  status: z.enum(['ok', 'empty', 'unreachable']),
  error: errorPayloadSchema.nullable(),
  models: z.array(catalogModelSchema),
});
export type CatalogStatus = z.infer<typeof catalogStatusSchema>;

/*
 * Install job lifecycle, owned by the ModelLibrary:
 *
 *   queued ──catalog answered──▶ downloading ──every blob present──▶ verifying ──manifest written──▶ installed
 *     │                              │                                   │
 *     └──────────────────────────────┴──── error ──▶ failed ◀────────────┘
 *   queued | downloading | verifying ──cancel──▶ cancelled
 *
 * Blobs are written and verified before the manifest, and activation comes last, so failed or
 * cancelled jobs leave the active version as it was.
 */
export const installJobStates = ['queued', 'downloading', 'verifying', 'installed', 'failed', 'cancelled'] as const;
export type InstallJobStateName = (typeof installJobStates)[number];

const installJobBase = z.object({
  jobId: z.string(),
  /** What was asked for, `name` or `name@version`. */
  requested: z.string(),
  name: modelNameSchema,
  /** Known once the catalog has answered. */
  version: semverSchema.nullable(),
  catalogId: catalogIdSchema.nullable(),
  /** Bytes of the package already in the store (downloaded, resumed or shared with another version). */
  bytes,
  /** Bytes of the whole package, known once the manifest is read. */
  totalBytes: bytes.nullable(),
  /** Bytes received over the network or copied from a folder by this job. */
  transferredBytes: bytes,
  /** Recent transfer rate, bytes per second. */
  rateBytesPerSecond: z.number().nonnegative(),
  startedAt: isoTime,
  updatedAt: isoTime,
});

export const installJobSchema = z.discriminatedUnion('state', [
  installJobBase.extend({ state: z.literal('queued') }),
  installJobBase.extend({ state: z.literal('downloading'), file: z.string().nullable() }),
  installJobBase.extend({ state: z.literal('verifying') }),
  installJobBase.extend({ state: z.literal('installed'), activated: z.boolean() }),
  installJobBase.extend({ state: z.literal('failed'), error: errorPayloadSchema }),
  installJobBase.extend({ state: z.literal('cancelled') }),
]);
export type InstallJob = z.infer<typeof installJobSchema>;

export const activationEntrySchema = z.object({
  at: isoTime,
  name: modelNameSchema,
  /** Null when nothing was active before. */
  from: semverSchema.nullable(),
  /** Null when the active version was removed. */
  to: semverSchema.nullable(),
  /** Why: install, activate, rollback, remove, import, or the user's own words (`rollback: … removed` on a fallback). */
  reason: z.string().max(200),
});
export type ActivationEntry = z.infer<typeof activationEntrySchema>;

/**
 * The versions a rollback would return to, most recent first, from one model's activation entries (oldest first): the
 * log replayed as a stack where each activation pushes the version it replaced and each rollback pops one, so repeated
 * rollbacks walk back through history instead of toggling between two versions. A version installed beside the active
 * one and never active is not among them. The library skips candidates no longer installed, and so does the Studio's
 * Roll back.
 */
export function rollbackCandidates(entries: readonly Pick<ActivationEntry, 'from' | 'to' | 'reason'>[]): string[] {
  const stack: string[] = [];
  for (const entry of entries) {
    if (entry.reason.startsWith('rollback')) stack.pop();
    else if (entry.from !== null && entry.from !== entry.to) stack.push(entry.from);
  }
  return stack.reverse();
}

export const activationResultSchema = z.object({
  name: modelNameSchema,
  activeVersion: semverSchema.nullable(),
  previousVersion: semverSchema.nullable(),
});
export type ActivationResult = z.infer<typeof activationResultSchema>;

export const removeResultSchema = z.object({
  name: modelNameSchema,
  version: semverSchema,
  /** Whether the removed version was the active one. */
  wasActive: z.boolean(),
  /**
   * The active version after the removal: unchanged when another was active; when the removed one was active, the
   * version active before it (the activation log's rollback, logged as such) if still installed, else null.
   */
  activeVersion: semverSchema.nullable(),
  /** The versions still installed, newest first. */
  installedVersions: z.array(semverSchema),
  /** Bytes of blobs no other version uses, deleted with it. */
  freedBytes: bytes,
});
export type RemoveResult = z.infer<typeof removeResultSchema>;

export const storeDamageSchema = z.object({
  /** A blob file, or a manifest that cannot be read. */
  kind: z.enum(['blob', 'manifest']),
  /** Store-relative path, e.g. blobs/sha256-… */
  path: z.string(),
  problem: z.enum(['missing', 'corrupt', 'wrong-size', 'not-a-file', 'unreadable']),
  /** Versions that need it, as name@version. */
  usedBy: z.array(z.string()),
  repaired: z.boolean(),
});

export const verifyReportSchema = z.object({
  ok: z.boolean(),
  checkedBlobs: z.number().int().nonnegative(),
  checkedBytes: bytes,
  damaged: z.array(storeDamageSchema),
  elapsedMs: z.number().nonnegative(),
});
export type VerifyReport = z.infer<typeof verifyReportSchema>;

export const gcReportSchema = z.object({
  dryRun: z.boolean(),
  removedBlobs: z.array(sha256Schema),
  /** Leftover partial downloads and temporary files no live process owns. */
  removedPartials: z.number().int().nonnegative(),
  freedBytes: bytes,
});
export type GcReport = z.infer<typeof gcReportSchema>;

export const diskUsageSchema = z.object({
  totalBytes: bytes,
  blobBytes: bytes,
  /** Partial downloads waiting to be resumed. */
  partialBytes: bytes,
  /** Blobs no installed version references (gc frees them). */
  unreferencedBytes: bytes,
  models: z.array(
    z.object({
      name: modelNameSchema,
      bytes,
      versions: z.array(z.object({ version: semverSchema, bytes, exclusiveBytes: bytes })),
    }),
  ),
});
export type DiskUsage = z.infer<typeof diskUsageSchema>;

export const modelDetailSchema = z.object({
  name: modelNameSchema,
  version: semverSchema,
  active: z.boolean(),
  installedAt: isoTime,
  manifest: modelManifestSchema,
  /** Absolute path of a folder laid out like the package (hard links to the blobs), for runtimes that open files by relative path. */
  folder: z.string(),
  /** Each manifest file and the absolute path of the blob that holds it. */
  files: z.array(
    z.object({ path: z.string(), role: z.string(), size: bytes, sha256: sha256Schema, blobPath: z.string() }),
  ),
});
export type ModelDetail = z.infer<typeof modelDetailSchema>;

export const exportResultSchema = z.object({ file: z.string(), bytes, sha256: sha256Schema });
export type ExportResult = z.infer<typeof exportResultSchema>;
export const importResultSchema = z.object({
  name: modelNameSchema,
  version: semverSchema,
  activated: z.boolean(),
  /** Bytes written as new blobs; the rest were already in the store. */
  writtenBytes: bytes,
});
export type ImportResult = z.infer<typeof importResultSchema>;
export const publishResultSchema = z.object({
  name: modelNameSchema,
  version: semverSchema,
  catalogFolder: z.string(),
  copiedBlobs: z.number().int().nonnegative(),
  reusedBlobs: z.number().int().nonnegative(),
  copiedBytes: bytes,
});
export type PublishResult = z.infer<typeof publishResultSchema>;

export const libraryChangeSchema = z.object({
  name: modelNameSchema.nullable(),
  change: z.enum(['installed', 'activated', 'removed', 'imported', 'repaired', 'collected', 'catalogs']),
});
export type LibraryChange = z.infer<typeof libraryChangeSchema>;
