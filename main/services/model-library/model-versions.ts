// Versions side by side: activation (refusing damaged ones), rollback through the log, and removal that frees disk.
import type { ActivationResult, RemoveResult } from '../../../contract/index.js';
import { MosaicError, manifestFiles } from '../../../contract/index.js';
import { newestFirst } from '../../../common/semantic-version.js';
import type { ActivationLog } from './activation-log.js';
import type { SerialLock } from './file-lock.js';
import { ModelStore } from './model-store.js';
import type { PackageViews } from './package-views.js';
import type { RemovalLog } from './removal-log.js';
import type { StoreMaintenance } from './store-maintenance.js';

export class ModelVersions {
  constructor(
    private readonly store: ModelStore,
    private readonly activations: ActivationLog,
    private readonly maintenance: StoreMaintenance,
    private readonly views: PackageViews,
    private readonly storeLock: SerialLock,
    private readonly removals: RemovalLog,
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

  /**
   * Removes a version (the active one only when forced) and deletes the blobs no other version uses. Removing the
   * active version rolls back to the one active before it, as the activation log records, when that one is still
   * installed; otherwise the model is left with no active version. Nothing is installed in its place.
   */
  remove(name: string, version: string, force: boolean): Promise<RemoveResult> {
    return this.storeLock.run(async () => {
      const stored = await this.store.readVersion(name, version);
      if (!stored) throw new MosaicError('MODEL_NOT_FOUND', `${name}@${version} is not installed.`);
      const active = (await this.activations.active())[name] ?? null;
      const wasActive = active === version;
      if (wasActive && !force) {
        throw new MosaicError(
          'MODEL_IN_USE',
          `${name}@${version} is the active version; activate another first, or force.`,
        );
      }
      // Recorded first: the model stays one this library has had, so nothing installs it again unasked.
      await this.removals.record(name, version);
      await this.store.removeVersion(name, version);
      await this.views.remove(name, version);
      const { versions } = await this.store.scan();
      const installed = versionsOf(versions, name);
      let activeVersion = active;
      if (wasActive) {
        const candidates = await this.activations.rollbackCandidates(name);
        activeVersion = candidates.find((candidate) => candidate !== version && installed.includes(candidate)) ?? null;
        await this.activations.record(name, activeVersion, activeVersion ? `rollback: ${version} removed` : 'remove');
      }
      const referenced = new Set(ModelStore.references(versions).keys());
      const own = new Set(manifestFiles(stored.manifest).map((file) => file.sha256));
      const freed = await this.maintenance.freeBlobs(referenced, { only: own });
      return { name, version, wasActive, activeVersion, installedVersions: installed, freedBytes: freed.bytes };
    });
  }

  /**
   * Whether this library has ever had `name`: a version installed now, any entry in its activation log (a version that
   * was active), or a recorded removal (also of a version never made active). Bundled models install themselves on first
   * use only when it has not.
   */
  async known(name: string): Promise<boolean> {
    if ((await this.installedOf(name)).length > 0) return true;
    if ((await this.activations.entries(name)).length > 0) return true;
    return (await this.removals.entries(name)).length > 0;
  }

  /** The installed versions of `name`, newest first. */
  async installedOf(name: string): Promise<string[]> {
    return versionsOf((await this.store.scan()).versions, name);
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

/** The versions of `name` among those scanned, newest first. */
function versionsOf(versions: readonly { name: string; version: string }[], name: string): string[] {
  return newestFirst(versions.filter((stored) => stored.name === name).map((stored) => stored.version));
}
