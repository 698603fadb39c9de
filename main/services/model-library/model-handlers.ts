// Binds the model library's contract methods to ModelLibrary.
import { resolve } from 'node:path';
import type { ModelMethodId } from '../../../contract/index.js';
import type { MethodHandlers } from '../engine/contract-dispatcher.js';
import type { ModelLibrary } from './model-library.js';
import { exportToTriton } from './triton-export.js';

export function modelHandlers(library: ModelLibrary): Pick<MethodHandlers, ModelMethodId> {
  return {
    'models.list': () => library.overview.list(),
    'models.show': (request) => library.overview.show(request.name, request.version),
    'models.preview': (request, context) => library.preview(request, context.signal),
    'models.catalogs': async () => ({ catalogs: await library.catalogs() }),
    'models.addCatalog': (request) =>
      library.addCatalog(request.location, { id: request.id, allowHttp: request.allowHttp }),
    'models.removeCatalog': async (request) => ({ id: request.id, removed: await library.removeCatalog(request.id) }),
    'models.install': (request, context) => library.install(request, context.signal),
    'models.jobs': async () => ({ jobs: library.jobList() }),
    'models.cancelInstall': (request) => library.cancelInstall(request.jobId),
    'models.activate': (request) => library.activate(request.name, request.version, request.reason),
    'models.rollback': (request) => library.rollback(request.name, request.reason),
    'models.remove': (request) => library.remove(request.name, request.version, request.force),
    'models.history': async (request) => ({ entries: await library.history(request.name) }),
    'models.verify': async (request, context) => {
      const report = await library.maintenance.verify(request.repair, context.signal);
      if (request.repair && report.damaged.some((damage) => damage.repaired)) library.changed(null, 'repaired');
      return report;
    },
    'models.gc': async (request) => {
      const report = await library.maintenance.gc(request.dryRun);
      if (!request.dryRun && report.freedBytes > 0) library.changed(null, 'collected');
      return report;
    },
    'models.usage': () => library.overview.usage(),
    'models.exportTriton': (request) =>
      exportToTriton(library.store, { ...request, repository: resolve(request.repository) }),
    'models.export': (request) => library.bundles.export(request.name, request.version, resolve(request.file)),
    'models.import': (request) => library.import(resolve(request.file), request.activate),
    'models.publish': (request) =>
      library.publisher.publish(resolve(request.packageFolder), resolve(request.catalogFolder), request.force),
  };
}
