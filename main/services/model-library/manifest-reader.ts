// Turns manifest bytes from anywhere (catalog, folder, bundle) into a validated ModelManifest, or a coded refusal.
import type { ModelManifest } from '../../../contract/index.js';
import { MosaicError, maxManifestBytes, modelManifestSchema, semverPattern } from '../../../contract/index.js';
import { compareVersions } from '../../../common/semantic-version.js';

/**
 * Parses and validates a manifest. The app-version check runs before the strict schema, so a
 * package made for a newer app (which may carry fields this app does not know) is refused as
 * INCOMPATIBLE_MODEL with a message saying which version it needs, not as a malformed file.
 */
export function readManifest(bytes: Uint8Array, appVersion: string | null, origin: string): ModelManifest {
  if (bytes.byteLength > maxManifestBytes) {
    throw new MosaicError('INVALID_MANIFEST', `The manifest at ${origin} is larger than ${maxManifestBytes} bytes.`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new MosaicError('INVALID_MANIFEST', `The manifest at ${origin} is not valid JSON.`);
  }
  if (appVersion !== null) checkAppVersion(raw, appVersion, origin);
  const parsed = modelManifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 4)
      .map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
    throw new MosaicError('INVALID_MANIFEST', `The manifest at ${origin} is not valid: ${issues}`, {
      issues: parsed.error.issues,
    });
  }
  return parsed.data;
}

function checkAppVersion(raw: unknown, appVersion: string, origin: string): void {
  const { minAppVersion, name, version } = (raw ?? {}) as Record<string, unknown>;
  if (typeof minAppVersion !== 'string' || !semverPattern.test(minAppVersion)) return;
  if (compareVersions(minAppVersion, appVersion) <= 0) return;
  const label = typeof name === 'string' && typeof version === 'string' ? `${name}@${version}` : origin;
  throw new MosaicError(
    'INCOMPATIBLE_MODEL',
    `${label} needs Mosaic Studio ${minAppVersion} or newer; this is ${appVersion}. Update the app, or install an older version of the model.`,
    { minAppVersion, appVersion },
  );
}

export function isCompatible(minAppVersion: string, appVersion: string): boolean {
  return compareVersions(minAppVersion, appVersion) <= 0;
}
