// The Open Inference Protocol v2 routes (KServe / Triton REST) as one table over OpenInferenceService; the HTTP server
// composes them under /v2. Errors on /v2 are `{"error": "…"}`; the health probes answer without the bearer token.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MosaicError, modelNameSchema, toErrorPayload } from '../../contract/index.js';
import type { Logger } from '../platform/logger.js';
import type { OpenInferenceService } from '../services/open-inference/open-inference-service.js';
import { binaryExtensionRefusal } from '../services/open-inference/open-inference-rules.js';
import { readJson, sendJson, sendOipError, setRetryAfter } from './http-bodies.js';
import { httpStatusOf } from './http-status.js';

export interface OpenInferenceRouteOptions {
  /** Absent: every route but /v2/health/live answers 404. */
  service?: OpenInferenceService;
  logger: Logger;
  /** Largest accepted infer body; its tensors are JSON numbers. */
  maxInferBodyBytes: number;
}

/** What a route's answer gets: the model named in its path (when it names one) and the exchange. */
interface RouteCall {
  service: OpenInferenceService;
  model: { name: string; version: string | undefined };
  request: IncomingMessage;
  response: ServerResponse;
  options: OpenInferenceRouteOptions;
}

interface RouteBase {
  verb: 'GET' | 'POST';
  /** The path, `{name}` and `{version}` standing for one segment each (a model's name and version). */
  path: string;
  /** Answers without the bearer token: load balancers and probes carry no secrets. */
  open?: boolean;
}

/** A route answers through the server's OpenInferenceService; only liveness answers without one. */
type OpenInferenceRoute = RouteBase &
  (
    | { withoutService?: false; answer: (call: RouteCall) => Promise<void> | void }
    | { withoutService: true; answer: (call: Omit<RouteCall, 'service'>) => Promise<void> | void }
  );

const modelReady = async ({ service, model, response }: RouteCall): Promise<void> => {
  const ready = await service.modelReady(model.name, model.version);
  sendJson(response, ready ? 200 : 503, { name: model.name, ready });
};

const modelInfer = async ({ service, model, request, response, options }: RouteCall): Promise<void> => {
  // Triton's binary tensor data extension sends tensors after the JSON, whose length this header gives.
  if (request.headers['inference-header-content-length'] !== undefined) {
    throw new MosaicError(
      'BAD_REQUEST',
      `Inference-Header-Content-Length asks for binary data. ${binaryExtensionRefusal}`,
    );
  }
  const body = await readJson(request, options.maxInferBodyBytes);
  sendJson(response, 200, await service.infer(model.name, model.version, body));
};

const modelMetadata = async ({ service, model, response }: RouteCall): Promise<void> => {
  sendJson(response, 200, await service.modelMetadata(model.name, model.version));
};

/** Every /v2 route, as the protocol's REST API lists them. */
export const openInferenceRoutes: readonly OpenInferenceRoute[] = [
  {
    verb: 'GET',
    path: '/v2/health/live',
    open: true,
    withoutService: true,
    answer: ({ response }) => sendJson(response, 200, { live: true }),
  },
  {
    verb: 'GET',
    path: '/v2/health/ready',
    open: true,
    answer: ({ service, response }) => {
      const reason = service.notReadyReason();
      sendJson(response, reason === null ? 200 : 503, reason === null ? { ready: true } : { ready: false, reason });
    },
  },
  { verb: 'GET', path: '/v2', answer: ({ service, response }) => sendJson(response, 200, service.serverMetadata()) },
  { verb: 'GET', path: '/v2/models/{name}/ready', answer: modelReady },
  { verb: 'GET', path: '/v2/models/{name}/versions/{version}/ready', answer: modelReady },
  { verb: 'POST', path: '/v2/models/{name}/infer', answer: modelInfer },
  { verb: 'POST', path: '/v2/models/{name}/versions/{version}/infer', answer: modelInfer },
  { verb: 'GET', path: '/v2/models/{name}', answer: modelMetadata },
  { verb: 'GET', path: '/v2/models/{name}/versions/{version}', answer: modelMetadata },
];

interface CompiledRoute {
  route: OpenInferenceRoute;
  pattern: RegExp;
}

export class OpenInferenceRoutes {
  private readonly compiled: CompiledRoute[];
  /** Paths that answer without a token, compared exactly (a trailing slash is another path, and needs the token). */
  private readonly openPaths: Set<string>;

  constructor(
    private readonly options: OpenInferenceRouteOptions,
    routes: readonly OpenInferenceRoute[] = openInferenceRoutes,
  ) {
    this.compiled = routes.map((route) => ({ route, pattern: compilePath(route.path) }));
    this.openPaths = new Set(routes.filter((route) => route.open).map((route) => route.path));
  }

  /** True when `pathname` answers without the bearer token. */
  isOpen(pathname: string): boolean {
    return this.openPaths.has(pathname);
  }

  /** Answers a request under /v2, errors included (`{"error": "…"}` with the code's HTTP status). */
  async answer(url: URL, request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = url.pathname.replace(/\/+$/, '') || '/';
    try {
      const found = this.compiled
        .map(({ route, pattern }) => ({ route, match: pattern.exec(path) }))
        .filter((candidate): candidate is { route: OpenInferenceRoute; match: RegExpExecArray } => !!candidate.match);
      const verbs = [...new Set(found.map(({ route }) => route.verb))];
      const head = request.method === 'HEAD' && verbs.includes('GET');
      const chosen = found.find(({ route }) => route.verb === request.method || (head && route.verb === 'GET'));
      if (!chosen) {
        // A known path asked with another verb says which verb it takes; so does an unknown one (GET, or POST for infer).
        const verb = verbs[0] ?? (path.endsWith('/infer') ? 'POST' : 'GET');
        if (request.method !== verb) {
          response.setHeader('allow', verb);
          throw new MosaicError('UNSUPPORTED_METHOD', `${path} takes ${verb}.`);
        }
        throw new MosaicError('NOT_FOUND', `No route ${path}.`);
      }
      const { route, match } = chosen;
      if (route.withoutService) {
        await route.answer({ model: noModel, request, response, options: this.options });
        return;
      }
      const service = this.options.service;
      if (!service) throw new MosaicError('NOT_FOUND', `No route ${path}.`);
      await route.answer({ service, model: modelOf(match), request, response, options: this.options });
    } catch (error) {
      const payload = toErrorPayload(error);
      if (payload.code === 'INTERNAL') this.options.logger.error('request failed', { message: payload.message });
      setRetryAfter(response, payload);
      sendOipError(response, httpStatusOf[payload.code], payload.message);
    }
  }
}

const noModel = { name: '', version: undefined };

function compilePath(path: string): RegExp {
  const source = path
    .split('/')
    .map((segment) =>
      segment === '{name}' ? '(?<name>[^/]+)' : segment === '{version}' ? '(?<version>[^/]+)' : segment,
    )
    .join('/');
  return new RegExp(`^${source}$`);
}

/** The model a path names, its name checked as the package format's model names are. */
function modelOf(match: RegExpExecArray): RouteCall['model'] {
  const groups = match.groups ?? {};
  if (groups.name === undefined) return noModel;
  const name = decodeSegment(groups.name);
  const version = groups.version === undefined ? undefined : decodeSegment(groups.version);
  if (!modelNameSchema.safeParse(name).success) throw new MosaicError('MODEL_NOT_FOUND', `No model "${name}".`);
  return { name, version };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new MosaicError('BAD_REQUEST', `"${segment}" is not a valid path segment.`);
  }
}
