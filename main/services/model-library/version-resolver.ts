// Chooses which catalog version an install means: the one named, or the newest the app can run.
import type { CatalogVersion } from '../../../contract/index.js';
import { MosaicError } from '../../../contract/index.js';
import { compareVersions, isPrerelease } from '../../../common/semantic-version.js';
import type { CatalogRead } from './catalog-registry.js';
import { isCompatible } from './manifest-reader.js';

export interface ResolvedVersion {
  read: CatalogRead;
  version: string;
  entry: CatalogVersion;
}

export interface VersionQuery {
  name: string;
  /** Exact version; otherwise the newest compatible release (pre-releases only when named). */
  version?: string;
  catalogId?: string;
}

export function resolveVersion(
  reads: readonly CatalogRead[],
  query: VersionQuery,
  appVersion: string,
): ResolvedVersion {
  const { name, version, catalogId } = query;
  const consulted = catalogId ? reads.filter((read) => read.catalog.id === catalogId) : reads;
  if (catalogId && consulted.length === 0) throw new MosaicError('NOT_FOUND', `There is no catalog "${catalogId}".`);
  const offers: ResolvedVersion[] = [];
  for (const read of consulted) {
    for (const [offered, entry] of Object.entries(read.index?.models[name]?.versions ?? {})) {
      if (version === undefined ? !isPrerelease(offered) : offered === version)
        offers.push({ read, version: offered, entry });
    }
  }
  const label = version ? `${name}@${version}` : name;
  if (offers.length === 0) {
    const unreachable = consulted
      .filter((read) => read.error)
      .map((read) => `${read.catalog.id} (${read.error!.message})`);
    const note = unreachable.length > 0 ? ` Unreachable: ${unreachable.join('; ')}.` : '';
    throw new MosaicError(
      unreachable.length > 0 ? 'DOWNLOAD_FAILED' : 'MODEL_NOT_FOUND',
      `No catalog offers ${label} (looked in ${consulted.map((read) => read.catalog.id).join(', ') || 'none'}).${note}`,
    );
  }
  // Newest first; among equal versions the earlier catalog (the bundled one first) wins.
  const ordered = offers
    .map((offer, order) => ({ offer, order }))
    .sort((a, b) => compareVersions(b.offer.version, a.offer.version) || a.order - b.order)
    .map(({ offer }) => offer);
  const compatible = ordered.find((offer) => isCompatible(offer.entry.minAppVersion, appVersion));
  if (compatible) return compatible;
  const newest = ordered[0]!;
  throw new MosaicError(
    'INCOMPATIBLE_MODEL',
    `${name}@${newest.version} needs Mosaic Studio ${newest.entry.minAppVersion} or newer; this is ${appVersion}, and no older version of ${name} is offered. Update the app.`,
    { minAppVersion: newest.entry.minAppVersion, appVersion },
  );
}

/** The newest compatible release of `name` above `installedNewest`, across catalogs; null when there is none. */
export function findUpdate(
  reads: readonly CatalogRead[],
  name: string,
  installedNewest: string,
  appVersion: string,
): { version: string; catalogId: string } | null {
  try {
    const newest = resolveVersion(reads, { name }, appVersion);
    return compareVersions(newest.version, installedNewest) > 0
      ? { version: newest.version, catalogId: newest.read.catalog.id }
      : null;
  } catch {
    return null;
  }
}
