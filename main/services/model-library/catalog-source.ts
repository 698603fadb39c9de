// What the library needs from a catalog, wherever it is hosted: its index, a version's manifest, and where blobs lie.
import type { CatalogIndex, CatalogVersion, ManifestFile } from '../../../contract/index.js';
import { MosaicError, catalogIndexSchema } from '../../../contract/index.js';

/** Where a blob's bytes can be read from. */
export type BlobLocator = { kind: 'file'; path: string } | { kind: 'url'; url: string };

export interface CatalogSource {
  readonly kind: 'folder' | 'http';
  /** Absolute folder path or URL, as the user gave it. */
  readonly location: string;
  /** The index; an absent or empty folder is an empty catalog, an unreachable server an error. */
  readIndex(signal?: AbortSignal): Promise<CatalogIndex>;
  /** The bytes of a version's manifest, checked against the digest the index gives. */
  readManifest(entry: CatalogVersion, signal?: AbortSignal): Promise<Uint8Array>;
  locateBlob(entry: CatalogVersion, file: ManifestFile): Promise<BlobLocator>;
}

export function emptyIndex(now: Date): CatalogIndex {
  return { format: 'mosaic-catalog', formatVersion: 1, blobBase: 'blobs/', updatedAt: now.toISOString(), models: {} };
}

/** Parses catalog.json bytes, refusing anything outside the catalog schema. */
export function parseIndex(bytes: Uint8Array, origin: string): CatalogIndex {
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new MosaicError('INVALID_MANIFEST', `The catalog at ${origin} is not valid JSON.`);
  }
  const parsed = catalogIndexSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new MosaicError(
      'INVALID_MANIFEST',
      `The catalog at ${origin} is not valid: ${issue ? `${issue.path.map(String).join('.')}: ${issue.message}` : ''}`,
    );
  }
  return parsed.data;
}

/** Reads a whole body, refusing more than `limit` bytes. */
export async function readBounded(body: AsyncIterable<Buffer>, limit: number, what: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of body) {
    length += chunk.length;
    if (length > limit) throw new MosaicError('DOWNLOAD_FAILED', `${what} is larger than ${limit} bytes; refused.`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
