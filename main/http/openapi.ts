// The OpenAPI 3.1 document of the HTTP API, generated from the contract's method table and the /v2 protocol schemas.
import { z } from 'zod';
import type { MethodId } from '../../contract/index.js';
import type { MethodSpec } from '../../contract/index.js';
import { errorPayloadSchema, httpPathOf, methodIds, methods, serverPathFieldsOf } from '../../contract/index.js';
import {
  oipErrorSchema,
  oipInferRequestSchema,
  oipInferResponseSchema,
  oipModelMetadataSchema,
  oipServerMetadataSchema,
} from '../../contract/open-inference.js';
import { httpStatusOf } from './http-status.js';

type JsonSchema = Record<string, unknown>;
type Operation = Record<string, unknown>;

/**
 * The method's schema as JSON Schema 2020-12; one with definitions (a recursive type) is an embedded resource with its
 * own $id until hoistDefinitions moves them to components.schemas.
 */
function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output', id: string): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    io,
    target: 'draft-2020-12',
    unrepresentable: 'any',
  }) as JsonSchema;
  return rest.$defs ? { $id: `urn:mosaic-studio:openapi:${id}`, ...rest } : rest;
}

const binary = { type: 'string', format: 'binary' };

function json(schema: JsonSchema, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

/**
 * Every error status a route can answer, from the code table the server maps errors with (http-status.ts), so the
 * document cannot list fewer than the server sends; each names its codes.
 */
function errorResponses(ref: string): Record<string, unknown> {
  const codesByStatus = new Map<number, string[]>();
  for (const [code, status] of Object.entries(httpStatusOf)) {
    codesByStatus.set(status, [...(codesByStatus.get(status) ?? []), code]);
  }
  return Object.fromEntries(
    [...codesByStatus]
      .sort(([a], [b]) => a - b)
      .map(([status, codes]) => [
        String(status),
        { description: codes.join(', '), content: { 'application/json': { schema: { $ref: ref } } } },
      ]),
  );
}

const errors = () => errorResponses('#/components/schemas/Error');
const oipErrors = () => errorResponses('#/components/schemas/OipError');

/** The request's JSON Schema without `field` (which HTTP fills itself). */
function without(request: JsonSchema, field: string): JsonSchema {
  const properties = { ...((request.properties ?? {}) as Record<string, JsonSchema>) };
  delete properties[field];
  const required = ((request.required ?? []) as string[]).filter((name) => name !== field);
  return { ...request, properties, ...(required.length > 0 ? { required } : { required: undefined }) };
}

function queryParameters(request: JsonSchema): Record<string, unknown>[] {
  const properties = (request.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((request.required ?? []) as string[]);
  return Object.entries(properties).map(([name, schema]) => ({
    name,
    in: 'query',
    required: required.has(name),
    schema,
  }));
}

function methodOperation(method: MethodId): { path: string; verb: 'get' | 'post'; operation: Operation } {
  const spec: MethodSpec = methods[method];
  const request = jsonSchemaOf(spec.request, 'input', `${method}:request`);
  const operation: Operation = {
    operationId: method,
    summary: spec.summary,
    tags: [method.split('.')[0]],
    responses: { '200': json(jsonSchemaOf(spec.response, 'output', `${method}:response`), 'The result.'), ...errors() },
  };
  const serverPaths = [...serverPathFieldsOf(spec.request)];
  const transfer = spec.httpFile;
  if (serverPaths.length > 0) {
    const fields = serverPaths.map(([name, kind]) =>
      kind === 'path-or-url' ? `${name} (unless an http(s) URL)` : name,
    );
    operation['x-mosaic-server-paths'] = serverPaths.map(([name]) => name);
    operation.description =
      `Over HTTP, ${fields.join(', ')} ${fields.length > 1 ? 'are paths' : 'is a path'} on the server and refused with ` +
      '403 FORBIDDEN; the mosaic CLI and the desktop app take them.' +
      (transfer?.direction === 'download'
        ? ` The file is the response body instead (leave out ${transfer.field}).`
        : '') +
      (transfer?.direction === 'upload'
        ? ` The file is the request body instead; the other fields are query parameters.`
        : '');
  }
  if (transfer?.direction === 'download') {
    operation.requestBody = {
      required: true,
      content: { 'application/json': { schema: without(request, transfer.field) } },
    };
    operation.responses = {
      ...(operation.responses as Record<string, unknown>),
      '200': {
        description: 'The file, as a download.',
        headers: {
          'Content-Disposition': { schema: { type: 'string' }, description: 'attachment; filename="…"' },
          'Repr-Digest': { schema: { type: 'string' }, description: 'RFC 9530: sha-256=:<base64>: of the body.' },
        },
        content: { [transfer.mediaType]: { schema: binary } },
      },
    };
  } else if (transfer?.direction === 'upload') {
    operation.parameters = queryParameters(without(request, transfer.field));
    operation.requestBody = {
      required: true,
      content: { [transfer.mediaType]: { schema: binary }, 'application/octet-stream': { schema: binary } },
    };
  } else if (spec.http === 'GET') {
    operation.parameters = queryParameters(request);
  } else {
    operation.requestBody = { required: false, content: { 'application/json': { schema: request } } };
  }
  return { path: httpPathOf(method), verb: spec.http === 'GET' ? 'get' : 'post', operation };
}

function openInferencePaths(): Record<string, Record<string, Operation>> {
  const health = (what: string): Operation => ({
    operationId: `oip.health.${what}`,
    summary: `Open Inference Protocol v2: is the server ${what}? No token needed (for load balancers and probes).`,
    tags: ['v2'],
    security: [],
    responses: {
      ...oipErrors(),
      '200': json({ type: 'object', properties: { [what]: { type: 'boolean' } } }, `The server is ${what}.`),
      ...(what === 'ready'
        ? {
            '503': json(
              { type: 'object', properties: { ready: { type: 'boolean' }, reason: { type: 'string' } } },
              "The server is not ready; `reason` says why (the inference host's state, and when it next starts).",
            ),
          }
        : {}),
    },
  });
  const readyBody = { type: 'object', properties: { name: { type: 'string' }, ready: { type: 'boolean' } } };
  const modelName = { name: 'model_name', in: 'path', required: true, schema: { type: 'string' } };
  const modelVersion = { name: 'model_version', in: 'path', required: true, schema: { type: 'string' } };
  const model = (versioned: boolean) => {
    const parameters = versioned ? [modelName, modelVersion] : [modelName];
    const suffix = versioned ? '.version' : '';
    return {
      metadata: {
        operationId: `oip.model.metadata${suffix}`,
        summary: 'Model metadata: versions, platform, inputs and outputs (-1 for a symbolic dimension).',
        tags: ['v2'],
        parameters,
        responses: {
          '200': json(jsonSchemaOf(oipModelMetadataSchema, 'output', 'oip:model-metadata'), 'The model.'),
          ...oipErrors(),
        },
      },
      ready: {
        operationId: `oip.model.ready${suffix}`,
        summary: 'Whether the model is installed (404 when not) and the inference host is ready (503 until it is).',
        tags: ['v2'],
        parameters,
        responses: {
          ...oipErrors(),
          '200': json(readyBody, 'Ready.'),
          '503': json(readyBody, 'Installed, but the inference host is not ready.'),
        },
      },
      infer: {
        operationId: `oip.model.infer${suffix}`,
        summary: 'One forward pass of the graph; tensors as flat row-major JSON arrays.',
        tags: ['v2'],
        parameters,
        requestBody: {
          required: true,
          content: { 'application/json': { schema: jsonSchemaOf(oipInferRequestSchema, 'input', 'oip:infer') } },
        },
        responses: {
          '200': json(jsonSchemaOf(oipInferResponseSchema, 'output', 'oip:infer-response'), 'The outputs.'),
          ...oipErrors(),
        },
      },
    };
  };
  const paths: Record<string, Record<string, Operation>> = {
    '/v2': {
      get: {
        operationId: 'oip.server.metadata',
        summary: 'Open Inference Protocol v2 server metadata.',
        tags: ['v2'],
        responses: {
          '200': json(jsonSchemaOf(oipServerMetadataSchema, 'output', 'oip:server'), 'The server.'),
          ...oipErrors(),
        },
      },
    },
    '/v2/health/live': { get: health('live') },
    '/v2/health/ready': { get: health('ready') },
  };
  for (const versioned of [false, true]) {
    const base = versioned ? '/v2/models/{model_name}/versions/{model_version}' : '/v2/models/{model_name}';
    const operations = model(versioned);
    paths[base] = { get: operations.metadata };
    paths[`${base}/ready`] = { get: operations.ready };
    paths[`${base}/infer`] = { post: operations.infer };
  }
  return paths;
}

/** The whole document; `serverUrl` names where it is served (omitted: relative to the document). */
export function buildOpenApiDocument(options: { version: string; serverUrl?: string }): Record<string, unknown> {
  const paths: Record<string, Record<string, Operation>> = {};
  for (const method of methodIds) {
    const { path, verb, operation } = methodOperation(method);
    paths[path] = { ...paths[path], [verb]: operation };
  }
  paths['/v1/events'] = {
    get: {
      operationId: 'events',
      summary: 'Server-sent events: `event: <contract event id>`, `data: <JSON payload>`.',
      tags: ['events'],
      responses: {
        '200': { description: 'An endless event stream.', content: { 'text/event-stream': {} } },
        ...errors(),
      },
    },
  };
  paths['/v1/openapi.json'] = {
    get: {
      operationId: 'openapi',
      summary: 'This document.',
      tags: ['meta'],
      responses: { '200': json({ type: 'object' }, 'OpenAPI 3.1.'), ...errors() },
    },
  };
  Object.assign(paths, openInferencePaths());
  const schemas: Record<string, JsonSchema> = {
    Error: jsonSchemaOf(z.object({ error: errorPayloadSchema }), 'output', 'error'),
    OipError: jsonSchemaOf(oipErrorSchema, 'output', 'oip:error'),
  };
  return hoistDefinitions({
    openapi: '3.1.0',
    info: {
      title: 'Mosaic Studio HTTP API',
      version: options.version,
      description:
        'Every contract method as a route (/v1/<domain>/<verb>), server-sent events, and the Open Inference Protocol ' +
        'v2 under /v2. Every route needs `Authorization: Bearer <token>` (MOSAIC_HOME/api-token) except ' +
        '/v2/health/live and /v2/health/ready. No route takes a path on the server: models.export answers the bundle ' +
        'as a download, models.import takes it as the request body, and fields that name server paths ' +
        '(x-mosaic-server-paths) are refused with 403; the mosaic CLI and the desktop app take paths.',
    },
    ...(options.serverUrl ? { servers: [{ url: options.serverUrl }] } : {}),
    security: [{ bearerAuth: [] }],
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'MOSAIC_HOME/api-token' } },
      schemas,
    },
  });
}

/**
 * Moves each embedded schema's definitions to components.schemas (one entry for identical definitions, a numbered
 * name for different ones that share a name) and points its $refs there, so every $ref resolves from the document's
 * root: OpenAPI 3.1 allows embedded resources, but many generators and validators only follow #/components/… refs.
 */
export function hoistDefinitions<T extends { paths: unknown; components: { schemas: Record<string, JsonSchema> } }>(
  document: T,
): T {
  const components = document.components.schemas;
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(visit);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    const schema = value as JsonSchema;
    const definitions = schema.$defs as Record<string, JsonSchema> | undefined;
    if (definitions && typeof schema.$id === 'string') {
      const renamed = new Map<string, string>();
      for (const [name, definition] of Object.entries(definitions)) {
        let target = name;
        for (
          let n = 2;
          target in components && !sameJson(components[target], definition, new Map(renamed).set(name, target));
          n += 1
        ) {
          target = `${name}${n}`;
        }
        renamed.set(name, target);
      }
      for (const [name, definition] of Object.entries(definitions)) {
        components[renamed.get(name) as string] ??= pointRefs(definition, renamed) as JsonSchema;
      }
      delete schema.$defs;
      delete schema.$id;
      Object.assign(schema, pointRefs(schema, renamed));
    }
    Object.values(schema).forEach(visit);
  };
  visit(document.paths);
  visit(components);
  return document;
}

/** `value` with each #/$defs/<name> $ref pointed at its components.schemas entry. */
function pointRefs(value: unknown, renamed: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(value)) return value.map((item) => pointRefs(item, renamed));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => {
      const local = key === '$ref' && typeof inner === 'string' ? /^#\/\$defs\/(.+)$/.exec(inner) : null;
      const target = local ? renamed.get(local[1] as string) : undefined;
      return [key, target ? `#/components/schemas/${target}` : pointRefs(inner, renamed)];
    }),
  );
}

function sameJson(hoisted: unknown, definition: JsonSchema, renamed: ReadonlyMap<string, string>): boolean {
  return JSON.stringify(hoisted) === JSON.stringify(pointRefs(definition, renamed));
}
