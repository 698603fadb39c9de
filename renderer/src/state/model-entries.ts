// The Models workspace's view of the library: models grouped Installed / Updates / Available, and each one's version rows.
import { formatBytes as formatBytesIn } from '../../../common/format-bytes.js';
import type {
  CatalogStatus,
  InstalledModel,
  InstalledVersion,
  InstallJob,
  ModelList,
} from '../../../contract/index.js';
import { compareVersions } from '../../../common/semantic-version.js';

export type ModelGroup = 'installed' | 'updates' | 'available';
export const modelGroups: readonly { group: ModelGroup; label: string }[] = [
  { group: 'installed', label: 'Installed' },
  { group: 'updates', label: 'Updates' },
  { group: 'available', label: 'Available' },
];

/** A version a catalog offers. */
export interface OfferedVersion {
  version: string;
  catalogId: string;
  sizeBytes: number;
  publishedAt: string;
  minAppVersion: string;
  compatible: boolean;
}

export interface ModelEntry {
  name: string;
  group: ModelGroup;
  task: string;
  installed: InstalledModel | null;
  /** Every version any catalog offers, newest first, each from the first catalog that offers it. */
  offered: OfferedVersion[];
}

/** One row of a model's versions table: installed, offered by a catalog, or both. */
export interface VersionRow {
  version: string;
  installed: InstalledVersion | null;
  offer: OfferedVersion | null;
}

/** Models from the store and every catalog, in list order: installed, then those with updates, then the rest. */
export function modelEntries(models: readonly InstalledModel[], catalogs: readonly CatalogStatus[]): ModelEntry[] {
  const offered = new Map<string, { task: string; versions: OfferedVersion[] }>();
  for (const catalog of catalogs) {
    for (const model of catalog.models) {
      const entry = offered.get(model.name) ?? { task: model.task, versions: [] };
      for (const version of model.versions) {
        if (entry.versions.some((known) => known.version === version.version)) continue;
        entry.versions.push({
          version: version.version,
          catalogId: catalog.id,
          sizeBytes: version.sizeBytes,
          publishedAt: version.publishedAt,
          minAppVersion: version.minAppVersion,
          compatible: version.compatible,
        });
      }
      offered.set(model.name, entry);
    }
  }
  const entries: ModelEntry[] = models.map((model) => ({
    name: model.name,
    group: hasUpdate(model) ? 'updates' : 'installed',
    task: model.versions[0]?.task ?? offered.get(model.name)?.task ?? '',
    installed: model,
    offered: sortNewestFirst(offered.get(model.name)?.versions ?? []),
  }));
  for (const [name, offer] of offered) {
    if (models.some((model) => model.name === name)) continue;
    entries.push({
      name,
      group: 'available',
      task: offer.task,
      installed: null,
      offered: sortNewestFirst(offer.versions),
    });
  }
  const rank = (group: ModelGroup): number => modelGroups.findIndex((entry) => entry.group === group);
  return entries.sort((a, b) => rank(a.group) - rank(b.group) || a.name.localeCompare(b.name));
}

/**
 * Whether a catalog offers a version newer than every installed one. A version installed beside the active one is not
 * an update, whichever is active: the model stays under Installed, where Activate switches to it.
 */
function hasUpdate(model: InstalledModel): boolean {
  const update = model.update;
  if (!update) return false;
  return model.versions.every((installed) => compareVersions(update.version, installed.version) > 0);
}

/** Installed and offered versions of one model, newest first. */
export function versionRows(entry: ModelEntry): VersionRow[] {
  const rows = new Map<string, VersionRow>();
  for (const installed of entry.installed?.versions ?? []) {
    rows.set(installed.version, { version: installed.version, installed, offer: null });
  }
  for (const offer of entry.offered) {
    const row = rows.get(offer.version);
    rows.set(offer.version, row ? { ...row, offer } : { version: offer.version, installed: null, offer });
  }
  return [...rows.values()].sort((a, b) => compareVersions(b.version, a.version));
}

function sortNewestFirst(versions: OfferedVersion[]): OfferedVersion[] {
  return [...versions].sort((a, b) => compareVersions(b.version, a.version));
}

const runningStates = ['queued', 'downloading', 'verifying'] as const satisfies readonly InstallJob['state'][];

/** An install job still under way. */
export type RunningInstallJob = InstallJob & { state: (typeof runningStates)[number] };

export function isRunningInstall(job: InstallJob): job is RunningInstallJob {
  return (runningStates as readonly string[]).includes(job.state);
}

/** The newest running install job of a model, or null. */
export function runningInstallOf(jobs: Record<string, InstallJob>, name: string): RunningInstallJob | null {
  const running = Object.values(jobs).filter(
    (job): job is RunningInstallJob => job.name === name && isRunningInstall(job),
  );
  return running.sort((a, b) => a.startedAt.localeCompare(b.startedAt)).at(-1) ?? null;
}

/** How far an install is, 0–1, or undefined while the package size is not known yet. */
export function installFraction(job: InstallJob): number | undefined {
  if (job.state === 'verifying' || job.state === 'installed') return 1;
  if (!job.totalBytes) return undefined;
  return Math.min(1, job.bytes / job.totalBytes);
}

/** Bytes in SI units (MB = 10^6 bytes), compact, as the CLI and the README count them. */
export const formatBytes = (bytes: number): string => formatBytesIn(bytes, 'compact');

/** Whether a model has an active version: true or false once the library is read, null before (nothing to claim). */
export function isModelInstalled(list: ModelList | null, name: string): boolean | null {
  return list ? list.models.some((model) => model.name === name && model.activeVersion !== null) : null;
}
