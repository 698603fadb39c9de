// GET over node:http/https under the network policy: bounded redirects, an idle timeout, abort by signal.
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { MosaicError } from '../../../contract/index.js';
import type { NetworkPolicy } from './network-policy.js';

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The URL that answered, after redirects. */
  url: string;
  body: AsyncIterable<Buffer>;
  /** Drops the rest of the body and the connection. */
  discard(): void;
}

/** The seam the catalog client and the blob downloader fetch through (tests inject faults behind a real server). */
export interface HttpTransport {
  get(url: string, options?: { headers?: Record<string, string>; signal?: AbortSignal }): Promise<HttpResponse>;
}

export interface NodeHttpTransportOptions {
  policy: NetworkPolicy;
  maxRedirects?: number;
  /** A connection silent for this long fails, in milliseconds. */
  idleTimeoutMs?: number;
  userAgent?: string;
}

const redirectStatuses = new Set([301, 302, 303, 307, 308]);

export class NodeHttpTransport implements HttpTransport {
  constructor(private readonly options: NodeHttpTransportOptions) {}

  async get(
    url: string,
    options: { headers?: Record<string, string>; signal?: AbortSignal } = {},
  ): Promise<HttpResponse> {
    const maxRedirects = this.options.maxRedirects ?? 5;
    let current = parseUrl(url);
    for (let hop = 0; ; hop += 1) {
      this.options.policy.check(current);
      const response = await this.send(current, options.headers ?? {}, options.signal);
      const status = response.statusCode ?? 0;
      if (!redirectStatuses.has(status)) {
        return {
          status,
          headers: response.headers,
          url: current.href,
          body: response,
          discard: () => response.destroy(),
        };
      }
      response.destroy();
      const location = response.headers.location;
      if (!location) throw new MosaicError('DOWNLOAD_FAILED', `${current.href} redirected without a Location.`);
      if (hop >= maxRedirects) {
        throw new MosaicError('DOWNLOAD_FAILED', `${url} redirected more than ${maxRedirects} times.`);
      }
      current = parseUrl(new URL(location, current).href);
    }
  }

  private send(url: URL, headers: Record<string, string>, signal?: AbortSignal): Promise<IncomingMessage> {
    const idleMs = this.options.idleTimeoutMs ?? 30_000;
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const outgoing = request(
        url,
        {
          method: 'GET',
          headers: { 'user-agent': this.options.userAgent ?? 'MosaicStudio', ...headers },
          signal,
          timeout: idleMs,
        },
        resolve,
      );
      // The socket timeout stays armed while the body streams, so a stalled transfer fails too.
      outgoing.on('timeout', () =>
        outgoing.destroy(new MosaicError('DOWNLOAD_FAILED', `${url.host} sent nothing for ${idleMs} ms.`)),
      );
      outgoing.on('error', reject);
      outgoing.end();
    });
  }
}

function parseUrl(value: string): URL {
  try {
    return new URL(value);
  } catch {
    throw new MosaicError('BAD_REQUEST', `"${value}" is not a URL.`);
  }
}

/** The coded error for a failed transfer: CANCELLED when the caller aborted, a MosaicError as is, else DOWNLOAD_FAILED. */
export function asTransferError(error: unknown, what: string, signal?: AbortSignal): MosaicError {
  if (signal?.aborted) return new MosaicError('CANCELLED', `Cancelled while fetching ${what}.`);
  if (error instanceof MosaicError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new MosaicError('DOWNLOAD_FAILED', `Fetching ${what} failed: ${reason}`);
}
