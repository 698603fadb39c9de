// Versions side by side: activation (refusing damaged ones), rollback through the log, and removal that frees disk.
import type { ActivationResult, RemoveResult } from '../../../contract/index.js';
import { MosaicError, manifestFiles } from '../../../contract/index.js';
import type { ActivationLog } from './activation-log.js';
import type { SerialLock } from './file-lock.js';
import { ModelStore } from './model-store.js';
import type { PackageViews } from './package-views.js';
import type { StoreMaintenance } from './store-maintenance.js';

export class ModelVersions {
  constructor(
    private readonly store: ModelStore,
    private readonly activations: ActivationLog,
    private readonly maintenance: StoreMaintenance,
    private readonly views: PackageViews,
    private readonly storeLock: SerialLock,
  ) {}

  /** Like a failed reload in Triton, a version with a missing blob is refused and the active one keeps serving. */
  activate(name: string, version: string, reason: string): Promise<ActivationResult> {
    return this.storeLock.run(async () => {
      const stored = await this.store.readVersion(name, version);
      if (!stored) throw new MosaicError('MODEL_NOT_FOUND', `${name}@${version} is not installed.`);
      for (const file of manifestFiles(stored.manifest)) {
        if (!(await this.store.hasBlob(file.sha256, file.size))) {
          throw new MosaicError(
            'INTEGRITY_ERROR',
            `${name}@${version} is damaged (${file.path}); run "mosaic models verify --repair".`,
          );
        }
      }
      const previous = (await this.activations.active())[name] ?? null;
      if (previous !== version) await this.activations.record(name, version, reason);
      return { name, activeVersion: version, previousVersion: previous };
    });
  }

  /** Back to the version active before this one (skipping versions removed since). */
  rollback(name: string, reason?: string): Promise<ActivationResult> {
    return this.storeLock.run(async () => {
      const current = (await this.activations.active())[name] ?? null;
      for (const candidate of await this.activations.rollbackCandidates(name)) {
        if (candidate === current || !(await this.store.readVersion(name, candidate).catch(() => null))) continue;
        await this.activations.record(name, candidate, reason ? `rollback: ${reason}` : 'rollback');
        return { name, activeVersion: candidate, previousVersion: current };
      }
      throw new MosaicError('MODEL_NOT_FOUND', `${name} has no earlier installed version to roll back to.`);
    });
  }

  /** Removes a version (the active one only when forced) and deletes the blobs no other version uses. */
  remove(name: string, version: string, force: boolean): Promise<RemoveResult> {
    return this.storeLock.run(async () => {
      const stored = await this.store.readVersion(name, version);
      if (!stored) throw new MosaicError('MODEL_NOT_FOUND', `${name}@${version} is not installed.`);
      const active = (await this.activations.active())[name] ?? null;
      if (active === version && !force) {
        throw new MosaicError(
          'MODEL_IN_USE',
          `${name}@${version} is the active version; activate another first, or force.`,
        );
      }
      await this.store.removeVersion(name, version);
      await this.views.remove(name, version);
      if (active === version) await this.activations.record(name, null, 'remove');
      const { versions } = await this.store.scan();
      const referenced = new Set(ModelStore.references(versions).keys());
      const own = new Set(manifestFiles(stored.manifest).map((file) => file.sha256));
      const freed = await this.maintenance.freeBlobs(referenced, { only: own });
      return { name, version, activeVersion: active === version ? null : active, freedBytes: freed.bytes };
    });
  }

  /** name, version, task and whether active, for `mosaic doctor`. */
  async summaries(): Promise<{ name: string; version: string; task: string; active: boolean }[]> {
    const { versions } = await this.store.scan();
    const active = await this.activations.active();
    return versions.map((s) => ({
      name: s.name,
      version: s.version,
      task: s.manifest.task,
      active: active[s.name] === s.version,
    }));
  }
}
