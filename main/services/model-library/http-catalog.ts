// A catalog served over http(s): catalog.json, manifests and blobs fetched through the policed transport.
import { createHash } from 'node:crypto';
import type { CatalogIndex, CatalogVersion, ManifestFile } from '../../../contract/index.js';
import { MosaicError, maxCatalogBytes, maxManifestBytes } from '../../../contract/index.js';
import type { BlobLocator, CatalogSource } from './catalog-source.js';
import { parseIndex, readBounded } from './catalog-source.js';
import type { HttpTransport } from './http-transport.js';
import { asTransferError } from './http-transport.js';

export class HttpCatalogSource implements CatalogSource {
  readonly kind = 'http';
  readonly indexUrl: string;
  private blobBase: string | null = null;

  constructor(
    readonly location: string,
    private readonly transport: HttpTransport,
  ) {
    this.indexUrl = location.endsWith('.json') ? location : `${location.replace(/\/?$/, '/')}catalog.json`;
  }

  async readIndex(signal?: AbortSignal): Promise<CatalogIndex> {
    const bytes = await this.fetchSmall(this.indexUrl, maxCatalogBytes, signal);
    const index = parseIndex(bytes, this.indexUrl);
    this.blobBase = new URL(index.blobBase, this.indexUrl).href;
    return index;
  }

  async readManifest(entry: CatalogVersion, signal?: AbortSignal): Promise<Uint8Array> {
    const url = new URL(entry.manifest, this.indexUrl).href;
    const bytes = await this.fetchSmall(url, maxManifestBytes, signal);
    if (createHash('sha256').update(bytes).digest('hex') !== entry.manifestSha256) {
      throw new MosaicError('INTEGRITY_ERROR', `The manifest at ${url} does not match the digest in the catalog.`);
    }
    return bytes;
  }

  async locateBlob(_entry: CatalogVersion, file: ManifestFile): Promise<BlobLocator> {
    if (this.blobBase === null) await this.readIndex();
    return { kind: 'url', url: new URL(`sha256-${file.sha256}`, this.blobBase!).href };
  }

  private async fetchSmall(url: string, limit: number, signal?: AbortSignal): Promise<Buffer> {
    let response;
    try {
      response = await this.transport.get(url, { signal });
    } catch (error) {
      throw asTransferError(error, url, signal);
    }
    if (response.status !== 200) {
      response.discard();
      throw new MosaicError('DOWNLOAD_FAILED', `${url} answered HTTP ${response.status}.`);
    }
    const declared = Number(response.headers['content-length'] ?? 0);
    if (declared > limit) {
      response.discard();
      throw new MosaicError('DOWNLOAD_FAILED', `${url} is larger than ${limit} bytes; refused.`);
    }
    try {
      return await readBounded(response.body, limit, url);
    } catch (error) {
      throw asTransferError(error, url, signal);
    }
  }
}
