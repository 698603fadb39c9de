// The local HTTP front door (127.0.0.1 unless told otherwise): it admits a request (Host, CORS), checks its bearer token
// and composes the route tables: the contract's routes under /v1 (contract-routes.ts), the Open Inference Protocol v2
// under /v2 (open-inference-routes.ts), and the built UI. Every /v1 and /v2 route needs the token except the /v2 health
// probes (load balancers and probes carry no secrets); the UI's static files need none (the page gets the token from
// its URL's #token=… fragment).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ErrorPayload } from '../../contract/index.js';
import { toErrorPayload } from '../../contract/index.js';
import type { Logger } from '../platform/logger.js';
import type { ContractDispatcher } from '../services/engine/contract-dispatcher.js';
import type { EventBus } from '../services/engine/event-bus.js';
import type { OpenInferenceService } from '../services/open-inference/open-inference-service.js';
import { bearerTokenOf, tokensMatch } from '../services/service-access/api-access.js';
import { ContractRoutes } from './contract-routes.js';
import { isLoopbackAddress } from './host-policy.js';
import { sendContractError, sendOipError } from './http-bodies.js';
import { httpStatusOf } from './http-status.js';
import { OpenInferenceRoutes } from './open-inference-routes.js';
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

export class MosaicHttpServer {
  private readonly server: Server;
  private readonly guard: RequestGuard;
  private readonly contractRoutes: ContractRoutes;
  private readonly openInferenceRoutes: OpenInferenceRoutes;

  constructor(private readonly options: HttpServerOptions) {
    if (!options.token) throw new Error('MosaicHttpServer needs a token.');
    this.contractRoutes = new ContractRoutes({
      dispatcher: options.dispatcher,
      events: options.events,
      logger: options.logger,
      maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024,
      maxUploadBytes: options.maxUploadBytes ?? 4 * 1024 ** 3,
      transferFolder: options.transferFolder ?? join(tmpdir(), 'mosaic-transfers'),
      appVersion: options.appVersion ?? '0.0.0',
    });
    this.openInferenceRoutes = new OpenInferenceRoutes({
      logger: options.logger,
      maxInferBodyBytes: options.maxInferBodyBytes ?? 32 * 1024 * 1024,
      ...(options.openInference ? { service: options.openInference } : {}),
    });
    this.guard = new RequestGuard(options.corsOrigins ?? [], (response, url, error) =>
      this.refuse(response, url, error),
    );
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
    if (api && !this.openInferenceRoutes.isOpen(url.pathname) && !this.authorized(request)) {
      response.setHeader('www-authenticate', 'Bearer realm="mosaic"');
      const message =
        'This route needs "Authorization: Bearer <token>"; the token is in MOSAIC_HOME/api-token (`mosaic serve` prints a URL with it).';
      if (oip) sendOipError(response, 401, message);
      else this.sendError(response, { code: 'UNAUTHORIZED', message });
      return;
    }
    if (oip) {
      await this.openInferenceRoutes.answer(url, request, response);
      return;
    }
    if (url.pathname.startsWith('/v1/')) {
      await this.contractRoutes.answer(url, request, response);
      return;
    }
    if ((request.method === 'GET' || request.method === 'HEAD') && this.options.rendererDir) {
      if (await serveStatic(this.options.rendererDir, url.pathname, response)) return;
    }
    this.sendError(response, { code: 'NOT_FOUND', message: `Nothing at ${url.pathname}.` });
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

  private sendError(response: ServerResponse, error: ErrorPayload): void {
    sendContractError(response, error, this.options.logger);
  }
}
