// The local HTTP front door (127.0.0.1 unless told otherwise): contract routes under /v1, server-sent events, the
// OpenAPI document, the Open Inference Protocol v2 under /v2, and the built UI. Every /v1 and /v2 route needs the
// bearer token except /v2/health/live and /v2/health/ready (load balancers and probes carry no secrets); the UI's
// static files need none (the page gets the token from its URL's #token=… fragment).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ErrorPayload, MethodId } from '../../contract/index.js';
import {
  MosaicError,
  httpPathOf,
  methodIds,
  methods,
  serverPathFieldsOf,
  serverPathsIn,
  toErrorPayload,
  type MethodSpec,
  type ServerPathKind,
} from '../../contract/index.js';
import type { Logger } from '../platform/logger.js';
import { bearerTokenOf, tokensMatch } from '../services/service-access/api-access.js';
import type { ContractDispatcher } from '../services/engine/contract-dispatcher.js';
import type { EventBus } from '../services/engine/event-bus.js';
import type { OpenInferenceService } from '../services/open-inference/open-inference-service.js';
import { isLoopbackAddress } from './host-policy.js';
import { openExchange, receiveBody, requestFromQuery, sendFile, withoutServerFile } from './file-transfer.js';
import { isJson, readJson, sendJson, sendOipError, setRetryAfter } from './http-bodies.js';
import { answerOpenInference, type OpenInferenceRouteOptions } from './open-inference-routes.js';
import { httpStatusOf } from './http-status.js';
import { buildOpenApiDocument } from './openapi.js';
import { isUnder, RequestGuard } from './request-guard.js';
import { serveStatic } from './static-files.js';

export { isLoopbackHost } from './host-policy.js';

export interface HttpServerOptions {
  dispatcher: ContractDispatcher;
  events: EventBus;
  logger: Logger;
  /** Folder of the built renderer; the UI is not served when absent. */
  rendererDir?: string;
  /** Largest accepted request body, in bytes (default 1 MiB). */
  maxBodyBytes?: number;
  /** Largest accepted body of a /v2 infer request, whose tensors are JSON numbers (default 32 MiB). */
  maxInferBodyBytes?: number;
  /** Largest accepted uploaded file (a model bundle for models.import; default 4 GiB). */
  maxUploadBytes?: number;
  /** Where uploads and downloads pass through, one private folder each (MOSAIC_HOME/transfers; default: the OS's). */
  transferFolder?: string;
  /** The bearer token every /v1 and /v2 route requires (MOSAIC_HOME/api-token or MOSAIC_API_TOKEN). */
  token: string;
  /** Browser origins allowed to call the API cross-origin (`--cors-origin`, MOSAIC_CORS_ORIGINS); none by default. */
  corsOrigins?: readonly string[];
  /** Host names accepted besides loopback and, beyond loopback, this machine's addresses (`--allow-host`). */
  allowHosts?: readonly string[];
  /** The Open Inference Protocol v2 routes; /v2 answers 404 (health aside) without it. */
  openInference?: OpenInferenceService;
  /** Reported in the OpenAPI document. */
  appVersion?: string;
}

interface Route {
  verb: 'GET' | 'POST';
  method: MethodId;
}

/** Open Inference Protocol routes that answer without a token. */
const openPaths = new Set(['/v2/health/live', '/v2/health/ready']);

export class MosaicHttpServer {
  private readonly server: Server;
  private readonly routes = new Map<string, Route>();
  private readonly maxBodyBytes: number;
  private readonly maxUploadBytes: number;
  private readonly transferFolder: string;
  private readonly serverPathFields = new Map<MethodId, Map<string, ServerPathKind>>();
  private readonly guard: RequestGuard;
  private readonly openInference: OpenInferenceRouteOptions;
  private openApi: string | null = null;

  constructor(private readonly options: HttpServerOptions) {
    if (!options.token) throw new Error('MosaicHttpServer needs a token.');
    this.maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
    this.maxUploadBytes = options.maxUploadBytes ?? 4 * 1024 ** 3;
    this.transferFolder = options.transferFolder ?? join(tmpdir(), 'mosaic-transfers');
    this.openInference = {
      logger: options.logger,
      maxInferBodyBytes: options.maxInferBodyBytes ?? 32 * 1024 * 1024,
      ...(options.openInference ? { service: options.openInference } : {}),
    };
    this.guard = new RequestGuard(options.corsOrigins ?? [], (response, url, error) =>
      this.refuse(response, url, error),
    );
    for (const method of methodIds) {
      this.routes.set(httpPathOf(method), { verb: methods[method].http, method });
      const fields = serverPathFieldsOf(methods[method].request);
      if (fields.size > 0) this.serverPathFields.set(method, fields);
    }
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => this.sendError(response, toErrorPayload(error)));
    });
  }

  /**
   * Starts listening on 127.0.0.1 (or `hostname`: an address, 0.0.0.0 or :: for every interface); port 0 picks a free
   * port. Resolves to the URL of the Studio (on loopback when bound to every interface).
   */
  listen(port = 0, hostname = '127.0.0.1'): Promise<string> {
    this.guard.bind(hostname, this.options.allowHosts ?? []);
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, hostname, () => {
        this.server.off('error', reject);
        const address = this.server.address() as AddressInfo;
        const shown = hostname === '0.0.0.0' ? '127.0.0.1' : hostname === '::' ? '[::1]' : hostname;
        resolve(`http://${shown.includes(':') && !shown.startsWith('[') ? `[${shown}]` : shown}:${address.port}`);
      });
    });
  }

  /** True when the server answers other machines (bound beyond loopback). */
  static isExposed(hostname: string): boolean {
    return !isLoopbackAddress(hostname);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /**
   * A hint for a /v1 path that is no route: the routes under it (`/v1/models` → `GET /v1/models/list`, …), else those
   * in its first segment, and always where the whole list is. Routes are named `/v1/<area>/<verb>` after the contract.
   */
  private nearbyRoutes(pathname: string): string {
    const trimmed = pathname.replace(/\/+$/, '');
    const area = trimmed.split('/').slice(0, 3).join('/');
    const routes = [...this.routes.entries()];
    const under = [trimmed, area].find((prefix) => routes.some(([path]) => path.startsWith(`${prefix}/`)));
    const near = under ? routes.filter(([path]) => path.startsWith(`${under}/`)) : [];
    const shown = near.slice(0, 6).map(([path, route]) => `${route.verb} ${path}`);
    const more = near.length > shown.length ? `, and ${near.length - shown.length} more` : '';
    const list = shown.length > 0 ? ` Under ${under}: ${shown.join(', ')}${more}.` : '';
    return `${list} Every route: GET /v1/openapi.json.`;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = this.guard.admit(request, response);
    if (url === null) return;
    const oip = isUnder(url.pathname, '/v2');
    const api = oip || isUnder(url.pathname, '/v1');
    if (request.method === 'OPTIONS') {
      response.writeHead(204, { allow: 'GET, POST, OPTIONS', 'content-length': 0 });
      response.end();
      return;
    }
    if (api && !openPaths.has(url.pathname) && !this.authorized(request)) {
      response.setHeader('www-authenticate', 'Bearer realm="mosaic"');
      const message =
        'This route needs "Authorization: Bearer <token>"; the token is in MOSAIC_HOME/api-token (`mosaic serve` prints a URL with it).';
      if (oip) sendOipError(response, 401, message);
      else this.sendError(response, { code: 'UNAUTHORIZED', message });
      return;
    }
    if (oip) {
      await answerOpenInference(this.openInference, url, request, response);
      return;
    }
    if (url.pathname === '/v1/openapi.json') {
      this.openApi ??= JSON.stringify(buildOpenApiDocument({ version: this.options.appVersion ?? '0.0.0' }));
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      response.end(this.openApi);
      return;
    }
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
      this.sendError(response, {
        code: 'NOT_FOUND',
        message: `No route ${request.method} ${url.pathname}.${this.nearbyRoutes(url.pathname)}`,
      });
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
    const spec: MethodSpec = methods[route.method];
    const transfer = spec.httpFile;
    const uploaded = transfer?.direction === 'upload' && !isJson(request);
    const body: unknown =
      route.verb === 'GET'
        ? Object.fromEntries(url.searchParams)
        : uploaded
          ? requestFromQuery(spec.request, url.searchParams)
          : await readJson(request, this.maxBodyBytes);
    this.refuseServerPaths(route, url.pathname, body);
    if (transfer?.direction === 'upload' && !uploaded) {
      throw new MosaicError(
        'BAD_REQUEST',
        `${url.pathname} takes the file as the request body (Content-Type: ${transfer.mediaType}), its options as query parameters.`,
      );
    }
    const controller = new AbortController();
    response.on('close', () => {
      if (!response.writableFinished) controller.abort();
    });
    const context = { origin: 'http' as const, signal: controller.signal };
    if (!transfer) {
      sendJson(response, 200, await this.options.dispatcher.call(route.method, body, context));
      return;
    }
    // The method gets a file of this server's choosing, in a private folder under the data folder.
    const exchange = await openExchange(this.transferFolder);
    const file = join(exchange.folder, transfer.direction === 'upload' ? 'upload' : 'download');
    const filled = { ...(body as Record<string, unknown>), [transfer.field]: file };
    try {
      if (transfer.direction === 'upload') await receiveBody(request, file, this.maxUploadBytes);
      const result = (await this.options.dispatcher
        .call(route.method, filled, context)
        .catch((error: unknown) =>
          Promise.reject(withoutServerFile(error, file, `the ${transfer.direction}ed file`)),
        )) as {
        sha256?: unknown;
      };
      if (transfer.direction === 'upload') {
        sendJson(response, 200, result);
        return;
      }
      const headers: Record<string, string> = { 'content-type': transfer.mediaType };
      // RFC 9530's digest of the bytes, when the method reports one (models.export does).
      if (typeof result.sha256 === 'string' && /^[0-9a-f]{64}$/.test(result.sha256)) {
        headers['repr-digest'] = `sha-256=:${Buffer.from(result.sha256, 'hex').toString('base64')}:`;
      }
      await sendFile(response, file, transfer.fileName(spec.request.parse(filled)), headers);
    } finally {
      await exchange.dispose();
    }
  }

  /**
   * Fields that name a path on this machine (the contract's serverPathSchema) are the CLI's and the desktop app's to
   * send: over HTTP any token holder could read or write this machine's files with them. 403, saying what to use.
   */
  private refuseServerPaths(route: Route, pathname: string, body: unknown): void {
    const fields = this.serverPathFields.get(route.method);
    const given = fields ? serverPathsIn(fields, body) : [];
    if (given.length === 0) return;
    const transfer = methods[route.method].httpFile;
    const named = given.map((field) => `"${field}"`).join(', ');
    const instead =
      transfer?.direction === 'download'
        ? ` Leave out ${named}: over HTTP the response body is the file (Content-Disposition names it).`
        : transfer?.direction === 'upload'
          ? ` Send the file as the request body (Content-Type: ${transfer.mediaType}) instead.`
          : given.some((field) => fields?.get(field) === 'path-or-url')
            ? ' Over HTTP give an http(s) URL.'
            : '';
    throw new MosaicError(
      'FORBIDDEN',
      `${pathname} does not take paths on the server over HTTP (${named}).${instead} Paths are taken from the mosaic ` +
        'CLI and the desktop app on that machine.',
      { serverPathFields: given },
    );
  }

  private authorized(request: IncomingMessage): boolean {
    const given = bearerTokenOf(request.headers.authorization);
    return given !== null && tokensMatch(this.options.token, given);
  }

  /** An error in the form its route answers errors: `{"error": "…"}` under /v2, `{"error": {code, message}}` else. */
  private refuse(response: ServerResponse, url: URL | null, error: ErrorPayload): void {
    if (url !== null && isUnder(url.pathname, '/v2')) {
      sendOipError(response, httpStatusOf[error.code], error.message);
    } else this.sendError(response, error);
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

  private sendError(response: ServerResponse, error: ErrorPayload): void {
    if (response.headersSent) {
      response.destroy();
      return;
    }
    if (error.code === 'INTERNAL') this.options.logger.error('request failed', { message: error.message });
    setRetryAfter(response, error);
    sendJson(response, httpStatusOf[error.code], { error });
  }
}
