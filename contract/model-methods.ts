// Contract methods of the model library: catalogs, installs, versions, activation and rollback, audits, bundles.
import { z } from 'zod';
import {
  activationEntrySchema,
  activationResultSchema,
  catalogIdSchema,
  catalogStatusSchema,
  diskUsageSchema,
  exportResultSchema,
  gcReportSchema,
  importResultSchema,
  installJobSchema,
  modelDetailSchema,
  modelListSchema,
  publishResultSchema,
  removeResultSchema,
  verifyReportSchema,
} from './model-library.js';
import { modelManifestSchema, modelNameSchema, precisionSchema, semverSchema } from './model-manifest.js';
import { defineMethod } from './method-spec.js';
import { serverPathSchema, urlOrServerPathSchema } from './server-paths.js';

const empty = z.object({}).strict();
const reason = z.string().min(1).max(200).optional();

export const modelMethods = {
  'models.list': defineMethod({
    summary: 'Installed models with their versions, the active one, disk use, and any update a catalog offers.',
    request: empty,
    response: modelListSchema,
    http: 'GET',
  }),
  'models.show': defineMethod({
    summary: 'One installed version: its manifest and where each of its files lies (the active version by default).',
    request: z.object({ name: modelNameSchema, version: semverSchema.optional() }).strict(),
    response: modelDetailSchema,
    http: 'POST',
  }),
  'models.preview': defineMethod({
    summary:
      'The manifest a catalog offers for a version that need not be installed (the newest compatible one unless named): its card before the download.',
    request: z
      .object({ name: modelNameSchema, version: semverSchema.optional(), catalogId: catalogIdSchema.optional() })
      .strict(),
    response: z.object({ catalogId: catalogIdSchema, manifest: modelManifestSchema }),
    http: 'POST',
  }),
  'models.catalogs': defineMethod({
    summary: 'The catalogs in use (the bundled one first) and the models each offers.',
    request: empty,
    response: z.object({ catalogs: z.array(catalogStatusSchema) }),
    http: 'GET',
  }),
  'models.addCatalog': defineMethod({
    summary:
      'Adds a catalog by http(s) URL or absolute folder path (a folder only from the CLI or the desktop app); plain http beyond loopback needs allowHttp.',
    request: z
      .object({
        location: urlOrServerPathSchema,
        id: catalogIdSchema.optional(),
        /** Allow plain http to this catalog's host (https and loopback need no permission). */
        allowHttp: z.boolean().default(false),
      })
      .strict(),
    response: catalogStatusSchema,
    http: 'POST',
  }),
  'models.removeCatalog': defineMethod({
    summary: 'Removes a catalog the user added; installed models stay.',
    request: z.object({ id: catalogIdSchema }).strict(),
    response: z.object({ id: catalogIdSchema, removed: z.boolean() }),
    http: 'POST',
  }),
  'models.install': defineMethod({
    summary:
      'Installs a version from a catalog (the newest compatible one unless named); answers a job at once, or at the end with wait.',
    request: z
      .object({
        name: modelNameSchema,
        version: semverSchema.optional(),
        catalogId: catalogIdSchema.optional(),
        /** Make the new version active once installed (default true). */
        activate: z.boolean().default(true),
        /** Answer when the job ends rather than at once; failures then arrive as errors. */
        wait: z.boolean().default(false),
      })
      .strict(),
    response: installJobSchema,
    http: 'POST',
  }),
  'models.jobs': defineMethod({
    summary: 'Install jobs of this session, newest first.',
    request: empty,
    response: z.object({ jobs: z.array(installJobSchema) }),
    http: 'GET',
  }),
  'models.cancelInstall': defineMethod({
    summary: 'Cancels an install job; what was downloaded stays for a later resume.',
    request: z.object({ jobId: z.string().min(1).max(64) }).strict(),
    response: installJobSchema,
    http: 'POST',
  }),
  'models.activate': defineMethod({
    summary: 'Makes an installed version the active one, and logs the change.',
    request: z.object({ name: modelNameSchema, version: semverSchema, reason }).strict(),
    response: activationResultSchema,
    http: 'POST',
  }),
  'models.rollback': defineMethod({
    summary: 'Returns a model to the version that was active before the current one.',
    request: z.object({ name: modelNameSchema, reason }).strict(),
    response: activationResultSchema,
    http: 'POST',
  }),
  'models.remove': defineMethod({
    summary: 'Removes an installed version and frees the blobs only it used; the active one needs force.',
    request: z.object({ name: modelNameSchema, version: semverSchema, force: z.boolean().default(false) }).strict(),
    response: removeResultSchema,
    http: 'POST',
  }),
  'models.history': defineMethod({
    summary: 'The activation log (when, from which version, to which, why), oldest first.',
    request: z.object({ name: modelNameSchema.optional() }).strict(),
    response: z.object({ entries: z.array(activationEntrySchema) }),
    http: 'GET',
  }),
  'models.verify': defineMethod({
    summary: 'Re-hashes every blob in the store and reports damage; repair re-fetches damaged blobs from catalogs.',
    request: z.object({ repair: z.boolean().default(false) }).strict(),
    response: verifyReportSchema,
    http: 'POST',
  }),
  'models.gc': defineMethod({
    summary: 'Deletes blobs no installed version uses and leftover partial downloads, and reports the bytes freed.',
    request: z.object({ dryRun: z.boolean().default(false) }).strict(),
    response: gcReportSchema,
    http: 'POST',
  }),
  'models.usage': defineMethod({
    summary: 'Disk use of the store: per model and version, partial downloads, and what gc would free.',
    request: empty,
    response: diskUsageSchema,
    http: 'GET',
  }),
  'models.export': defineMethod({
    summary:
      'Writes an installed version to one portable bundle file (a tar of the package folder); over HTTP the bundle is the response body.',
    request: z.object({ name: modelNameSchema, version: semverSchema, file: serverPathSchema }).strict(),
    response: exportResultSchema,
    http: 'POST',
    httpFile: {
      direction: 'download',
      field: 'file',
      mediaType: 'application/x-tar',
      fileName: (request) => `${request.name}-${request.version}.mosaic.tar`,
    },
  }),
  'models.exportTriton': defineMethod({
    summary:
      'Writes an installed version into a Triton Inference Server model repository (<repository>/<name>/config.pbtxt and <integer version>/model.onnx).',
    request: z
      .object({
        name: modelNameSchema,
        version: semverSchema,
        repository: serverPathSchema,
        /** Which of the package's graphs (default: its main precision). */
        precision: precisionSchema.optional(),
      })
      .strict(),
    response: z.object({
      modelFolder: z.string(),
      /** major × 1,000,000 + minor × 1,000 + patch. */
      tritonVersion: z.number().int().positive(),
      graph: z.string(),
      precision: precisionSchema,
      config: z.string(),
    }),
    http: 'POST',
  }),
  'models.import': defineMethod({
    summary:
      'Installs a version from a bundle file written by export, verifying every file, with no network; over HTTP the bundle is the request body.',
    request: z.object({ file: serverPathSchema, activate: z.boolean().default(true) }).strict(),
    response: importResultSchema,
    http: 'POST',
    httpFile: { direction: 'upload', field: 'file', mediaType: 'application/x-tar' },
  }),
  'models.publish': defineMethod({
    summary: 'Publishes a package folder into a catalog folder (blobs by digest, manifest, catalog.json).',
    request: z
      .object({ packageFolder: serverPathSchema, catalogFolder: serverPathSchema, force: z.boolean().default(false) })
      .strict(),
    response: publishResultSchema,
    http: 'POST',
  }),
};

export type ModelMethodId = keyof typeof modelMethods;
