// The /v1 routes: one per contract method (`/v1/<area>/<verb>`, its HTTP verb from the method's declaration, files as
// request or response bodies), the server-sent event stream at /v1/events and the OpenAPI document at
// /v1/openapi.json. The HTTP server composes them after its guard and token check.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { ErrorPayload, MethodId } from '../../contract/index.js';
import {
  MosaicError,
  httpPathOf,
  methodIds,
  methods,
  serverPathFieldsOf,
  serverPathsIn,
  type MethodSpec,
  type ServerPathKind,
} from '../../contract/index.js';
import type { Logger } from '../platform/logger.js';
import type { ContractDispatcher } from '../services/engine/contract-dispatcher.js';
import type { EventBus } from '../services/engine/event-bus.js';
import { openExchange, receiveBody, requestFromQuery, sendFile, withoutServerFile } from './file-transfer.js';
import { isJson, readJson, sendContractError, sendJson } from './http-bodies.js';
import { buildOpenApiDocument } from './openapi.js';

export interface ContractRouteOptions {
  dispatcher: ContractDispatcher;
  events: EventBus;
  logger: Logger;
  /** Largest accepted JSON request body, in bytes. */
  maxBodyBytes: number;
  /** Largest accepted uploaded file. */
  maxUploadBytes: number;
  /** Where uploads and downloads pass through, one private folder each. */
  transferFolder: string;
  /** Reported in the OpenAPI document. */
  appVersion: string;
}

interface Route {
  verb: 'GET' | 'POST';
  method: MethodId;
}

export class ContractRoutes {
  private readonly routes = new Map<string, Route>();
  private readonly serverPathFields = new Map<MethodId, Map<string, ServerPathKind>>();
  private openApi: string | null = null;

  constructor(private readonly options: ContractRouteOptions) {
    for (const method of methodIds) {
      this.routes.set(httpPathOf(method), { verb: methods[method].http, method });
      const fields = serverPathFieldsOf(methods[method].request);
      if (fields.size > 0) this.serverPathFields.set(method, fields);
    }
  }

  /** Answers a request whose path starts with /v1/ (a path that is no route gets 404 naming the routes near it). */
  async answer(url: URL, request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (url.pathname === '/v1/openapi.json') {
      this.openApi ??= JSON.stringify(buildOpenApiDocument({ version: this.options.appVersion }));
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
    this.sendError(response, {
      code: 'NOT_FOUND',
      message: `No route ${request.method} ${url.pathname}.${this.nearbyRoutes(url.pathname)}`,
    });
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
          : await readJson(request, this.options.maxBodyBytes);
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
    const exchange = await openExchange(this.options.transferFolder);
    const file = join(exchange.folder, transfer.direction === 'upload' ? 'upload' : 'download');
    const filled = { ...(body as Record<string, unknown>), [transfer.field]: file };
    try {
      if (transfer.direction === 'upload') await receiveBody(request, file, this.options.maxUploadBytes);
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
    sendContractError(response, error, this.options.logger);
  }
}
