// The local HTTP front door on 127.0.0.1: contract routes under /v1, server-sent events, and the built UI.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ErrorPayload, MethodId } from '../../contract/index.js';
import { MosaicError, httpPathOf, methodIds, methods, toErrorPayload } from '../../contract/index.js';
import type { Logger } from '../platform/logger.js';
import type { ContractDispatcher } from '../services/contract-dispatcher.js';
import type { EventBus } from '../services/event-bus.js';
import { httpStatusOf } from './http-status.js';
import { serveStatic } from './static-files.js';

export interface HttpServerOptions {
  dispatcher: ContractDispatcher;
  events: EventBus;
  logger: Logger;
  /** Folder of the built renderer; the UI is not served when absent. */
  rendererDir?: string;
  /** Largest accepted request body, in bytes. */
  maxBodyBytes?: number;
}

interface Route {
  verb: 'GET' | 'POST';
  method: MethodId;
}

const loopbackHostnames = new Set(['127.0.0.1', 'localhost', '[::1]']);

export class MosaicHttpServer {
  private readonly server: Server;
  private readonly routes = new Map<string, Route>();
  private readonly maxBodyBytes: number;

  constructor(private readonly options: HttpServerOptions) {
    this.maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
    for (const method of methodIds) this.routes.set(httpPathOf(method), { verb: methods[method].http, method });
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => this.sendError(response, toErrorPayload(error)));
    });
  }

  /** Starts listening on 127.0.0.1; port 0 picks a free port. Resolves to the URL of the Studio. */
  listen(port = 0, hostname = '127.0.0.1'): Promise<string> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, hostname, () => {
        this.server.off('error', reject);
        const address = this.server.address() as AddressInfo;
        resolve(`http://${hostname}:${address.port}`);
      });
    });
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // DNS rebinding defence: a page on evil.example that resolves to 127.0.0.1 still sends its own Host.
    if (!isLoopbackHost(request.headers.host)) {
      this.sendError(response, {
        code: 'FORBIDDEN',
        message: 'Requests must address this machine by a loopback name.',
      });
      return;
    }
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/v1/events') {
      this.streamEvents(request, response);
      return;
    }
    const route = this.routes.get(url.pathname);
    if (route) {
      await this.callRoute(route, url, request, response);
      return;
    }
    if (url.pathname.startsWith('/v1/')) {
      this.sendError(response, { code: 'NOT_FOUND', message: `No route ${request.method} ${url.pathname}.` });
      return;
    }
    if ((request.method === 'GET' || request.method === 'HEAD') && this.options.rendererDir) {
      if (await serveStatic(this.options.rendererDir, url.pathname, response)) return;
    }
    this.sendError(response, { code: 'NOT_FOUND', message: `Nothing at ${url.pathname}.` });
  }

  private async callRoute(route: Route, url: URL, request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== route.verb) {
      response.setHeader('allow', route.verb);
      this.sendError(response, { code: 'UNSUPPORTED_METHOD', message: `${url.pathname} takes ${route.verb}.` });
      return;
    }
    const body = route.verb === 'GET' ? Object.fromEntries(url.searchParams) : await this.readJson(request);
    const controller = new AbortController();
    response.on('close', () => {
      if (!response.writableFinished) controller.abort();
    });
    const result = await this.options.dispatcher.call(route.method, body, {
      origin: 'http',
      signal: controller.signal,
    });
    this.sendJson(response, 200, result);
  }

  private async readJson(request: IncomingMessage): Promise<unknown> {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > this.maxBodyBytes) throw tooLarge(this.maxBodyBytes);
    const chunks: Buffer[] = [];
    let received = 0;
    for await (const chunk of request as AsyncIterable<Buffer>) {
      received += chunk.length;
      if (received > this.maxBodyBytes) throw tooLarge(this.maxBodyBytes);
      chunks.push(chunk);
    }
    if (received === 0) return {};
    const type = request.headers['content-type'] ?? '';
    if (!type.startsWith('application/json')) {
      throw new MosaicError('BAD_REQUEST', 'Send the request body as application/json.');
    }
    try {
      return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
    } catch {
      throw new MosaicError('BAD_REQUEST', 'The request body is not valid JSON.');
    }
  }

  private streamEvents(request: IncomingMessage, response: ServerResponse): void {
    response.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    response.write(': connected\n\n');
    const unsubscribe = this.options.events.subscribe(({ event, payload }) => {
      response.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
    });
    const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), 15_000);
    request.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  }

  private sendJson(response: ServerResponse, status: number, value: unknown): void {
    const body = JSON.stringify(value);
    response.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      'cache-control': 'no-store',
    });
    response.end(body);
  }

  private sendError(response: ServerResponse, error: ErrorPayload): void {
    if (response.headersSent) {
      response.destroy();
      return;
    }
    if (error.code === 'INTERNAL') this.options.logger.error('request failed', { message: error.message });
    this.sendJson(response, httpStatusOf[error.code], { error });
  }
}

function tooLarge(limit: number): MosaicError {
  return new MosaicError('PAYLOAD_TOO_LARGE', `The request body is larger than ${limit} bytes.`);
}

/** True for `127.0.0.1:port`, `localhost`, `[::1]:port`; false for any other name or a missing Host. */
export function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0];
  return loopbackHostnames.has((name ?? '').toLowerCase());
}
