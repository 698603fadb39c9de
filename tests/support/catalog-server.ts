// A real HTTP server on 127.0.0.1 that serves a catalog folder with Range support and injectable faults.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';
import { pipeline } from 'node:stream/promises';

/** What to do to one request, decided per request (its path and how many times it was asked for). */
export interface Fault {
  /** Answer this status and nothing else. */
  status?: number;
  /** Close the connection once this many bytes of the body have been sent. */
  dropAfterBytes?: number;
  /** Send at most this many bytes per second. */
  bytesPerSecond?: number;
  /** Ignore the Range header and send the whole file. */
  ignoreRange?: boolean;
  /** Leave Content-Length out (chunked), as some servers do. */
  chunked?: boolean;
  /** Stop sending (but keep the connection open) once this many body bytes have been sent. */
  stallAfterBytes?: number;
  /** Answer 302 to this location. */
  redirect?: string;
}

export interface ServedRequest {
  path: string;
  range: string | null;
  /** 1 for the first request of this path, 2 for the second, ... */
  attempt: number;
}

export class CatalogServer {
  readonly requests: ServedRequest[] = [];
  /** Body bytes written per path. */
  readonly bytesSent = new Map<string, number>();
  fault: (request: ServedRequest) => Fault | undefined = () => undefined;
  private readonly server: Server;
  private readonly attempts = new Map<string, number>();
  url = '';

  constructor(private readonly root: string) {
    this.server = createServer((request, response) => {
      this.serve(request.url ?? '/', request.headers.range ?? null, response).catch(() => response.destroy());
    });
  }

  /** Listens on `port` of 127.0.0.1 (any free one by default); resolves with the catalog's URL. */
  async listen(port = 0): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', resolve);
    });
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this.url;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** Requests for blob files only. */
  blobRequests(): ServedRequest[] {
    return this.requests.filter((request) => request.path.includes('/blobs/'));
  }

  totalBlobBytesSent(): number {
    return [...this.bytesSent].filter(([path]) => path.includes('/blobs/')).reduce((sum, [, bytes]) => sum + bytes, 0);
  }

  private async serve(rawUrl: string, range: string | null, response: ServerResponse): Promise<void> {
    const path = decodeURIComponent(new URL(rawUrl, 'http://127.0.0.1').pathname);
    const attempt = (this.attempts.get(path) ?? 0) + 1;
    this.attempts.set(path, attempt);
    const served = { path, range, attempt };
    this.requests.push(served);
    const fault = this.fault(served) ?? {};
    if (fault.status) {
      response.writeHead(fault.status, { 'content-type': 'text/plain' }).end(`status ${fault.status}`);
      return;
    }
    if (fault.redirect) {
      response.writeHead(302, { location: fault.redirect }).end();
      return;
    }
    const file = join(this.root, normalize(path).replace(/^([/\\])+/, ''));
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) {
      response.writeHead(404).end('not found');
      return;
    }
    const match = /^bytes=(\d+)-$/.exec(range ?? '');
    const start = match && !fault.ignoreRange ? Number(match[1]) : 0;
    if (start >= info.size && info.size > 0) {
      response.writeHead(416, { 'content-range': `bytes */${info.size}` }).end();
      return;
    }
    const headers: Record<string, string | number> = {
      'content-type': 'application/octet-stream',
      'accept-ranges': 'bytes',
    };
    if (!fault.chunked) headers['content-length'] = info.size - start;
    if (start > 0) headers['content-range'] = `bytes ${start}-${info.size - 1}/${info.size}`;
    response.writeHead(start > 0 ? 206 : 200, headers);
    if (Object.keys(fault).length === 0) {
      // No fault: stream the file as a plain static server would, counting what goes out.
      const counted = createReadStream(file, { start, highWaterMark: 1024 * 1024 });
      counted.on('data', (chunk) => this.bytesSent.set(path, (this.bytesSent.get(path) ?? 0) + chunk.length));
      await pipeline(counted, response).catch(() => undefined);
      return;
    }
    let sent = 0;
    const chunkSize = fault.bytesPerSecond ? Math.max(1024, Math.floor(fault.bytesPerSecond / 20)) : 256 * 1024;
    for await (const chunk of createReadStream(file, { start, highWaterMark: chunkSize }) as AsyncIterable<Buffer>) {
      if (response.destroyed) return;
      let piece = chunk;
      if (fault.dropAfterBytes !== undefined && sent + piece.length > fault.dropAfterBytes) {
        piece = piece.subarray(0, fault.dropAfterBytes - sent);
        await this.write(response, piece, path);
        response.socket?.destroy();
        return;
      }
      if (fault.stallAfterBytes !== undefined && sent + piece.length > fault.stallAfterBytes) {
        await this.write(response, piece.subarray(0, fault.stallAfterBytes - sent), path);
        await new Promise((resolve) => response.once('close', resolve));
        return;
      }
      await this.write(response, piece, path);
      sent += piece.length;
      if (fault.bytesPerSecond)
        await new Promise((resolve) => setTimeout(resolve, (piece.length / fault.bytesPerSecond!) * 1000));
    }
    response.end();
  }

  private async write(response: ServerResponse, piece: Buffer, path: string): Promise<void> {
    if (piece.length === 0) return;
    this.bytesSent.set(path, (this.bytesSent.get(path) ?? 0) + piece.length);
    if (response.write(piece)) return;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        response.off('drain', done).off('close', done);
        resolve();
      };
      response.on('drain', done).on('close', done);
    });
  }
}
