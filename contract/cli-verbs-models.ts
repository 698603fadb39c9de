// The `mosaic models` verbs: the model library, its catalogs, installs, versions, exports and publishing.
import type { MethodId } from './methods.js';
import { json } from './cli-verb-flags.js';
import type { CliDescriptor } from './cli-verb-types.js';

const modelRef = { name: '<name[@version]>' } as const;
const exactModelRef = { name: '<name@version>' } as const;
const reason = { reason: { type: 'string', hint: 'TEXT' } } as const;

export const modelVerbs = {
  'models.list': { verb: 'models list', flags: { json } },
  'models.show': { verb: 'models show', arguments: [modelRef], flags: { json } },
  'models.preview': {
    verb: 'models preview',
    arguments: [{ ...modelRef, value: 'model-ref' }],
    flags: { catalog: { type: 'string', hint: 'ID', field: 'catalogId' } },
  },
  'models.catalogs': { verb: 'models catalogs', flags: { json } },
  'models.addCatalog': {
    verb: 'models catalogs add',
    arguments: [{ name: '<url|folder>' }],
    flags: { id: { type: 'string', hint: 'ID' }, 'allow-http': { type: 'boolean' }, json },
  },
  'models.removeCatalog': { verb: 'models catalogs remove', arguments: [{ name: '<id>' }], flags: { json } },
  'models.install': {
    verb: 'models install',
    arguments: [modelRef],
    flags: { catalog: { type: 'string', hint: 'ID' }, 'no-activate': { type: 'boolean' }, json },
  },
  'models.jobs': { verb: 'models jobs' },
  'models.cancelInstall': {
    verb: 'models cancel-install',
    arguments: [{ name: '<job-id>', field: 'jobId' }],
  },
  'models.activate': {
    verb: 'models activate',
    aliases: ['models use'],
    arguments: [exactModelRef],
    flags: { ...reason, json },
  },
  'models.rollback': { verb: 'models rollback', arguments: [{ name: '<name>' }], flags: { ...reason, json } },
  'models.remove': {
    verb: 'models remove',
    arguments: [exactModelRef],
    flags: { force: { type: 'boolean' }, json },
    notes: ['--force for the active one, which hands over to the version active before it (or to none)'],
  },
  'models.history': { verb: 'models history', arguments: [{ name: '<name>', optional: true }], flags: { json } },
  'models.verify': {
    verb: 'models verify',
    flags: { repair: { type: 'boolean' }, json },
    notes: ['--repair fetches damaged blobs again'],
  },
  'models.gc': { verb: 'models gc', flags: { 'dry-run': { type: 'boolean' }, json } },
  'models.usage': { verb: 'models usage', flags: { json } },
  'models.export': {
    verb: 'models export',
    arguments: [exactModelRef],
    flags: {
      output: { type: 'string', hint: 'FILE' },
      triton: { type: 'string', hint: 'REPOSITORY' },
      precision: { type: 'string', hint: 'int8' },
      json,
    },
    notes: ['--triton writes into a Triton model repository instead of a bundle file'],
  },
  'models.exportTriton': { through: 'models export' },
  'models.import': {
    verb: 'models import',
    arguments: [{ name: '<file>' }],
    flags: { 'no-activate': { type: 'boolean' }, json },
  },
  'models.publish': {
    verb: 'models publish',
    arguments: [{ name: '<package-folder>' }],
    flags: { catalog: { type: 'string', hint: '<dir>', required: true }, force: { type: 'boolean' }, json },
  },
} as const satisfies Partial<Record<MethodId, CliDescriptor>>;
