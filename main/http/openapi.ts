// The OpenAPI 3.1 document of the HTTP API, generated from the contract's method table and the /v2 protocol schemas.
import { z } from 'zod';
import type { MethodId } from '../../contract/index.js';
import { errorPayloadSchema, httpPathOf, methodIds, methods } from '../../contract/index.js';
import {
  oipErrorSchema,
  oipInferRequestSchema,
  oipInferResponseSchema,
  oipModelMetadataSchema,
  oipServerMetadataSchema,
} from '../../contract/open-inference.js';

type JsonSchema = Record<string, unknown>;
type Operation = Record<string, unknown>;

/** The method's schema as JSON Schema 2020-12 (an embedded resource with its own $id, so local $refs resolve). */
function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output', id: string): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    io,
    target: 'draft-2020-12',
    unrepresentable: 'any',
  }) as JsonSchema;
  return rest.$defs ? { $id: `urn:mosaic-studio:openapi:${id}`, ...rest } : rest;
}

const errorRef = { $ref: '#/components/responses/Error' };
const oipErrorRef = { $ref: '#/components/responses/OipError' };

function json(schema: JsonSchema, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

function methodOperation(method: MethodId): { path: string; verb: 'get' | 'post'; operation: Operation } {
  const spec = methods[method];
  const request = jsonSchemaOf(spec.request, 'input', `${method}:request`);
  const operation: Operation = {
    operationId: method,
    summary: spec.summary,
    tags: [method.split('.')[0]],
    responses: {
      '200': json(jsonSchemaOf(spec.response, 'output', `${method}:response`), 'The result.'),
      '400': errorRef,
      '401': errorRef,
      '403': errorRef,
      '404': errorRef,
      '413': errorRef,
      '429': errorRef,
      default: errorRef,
    },
  };
  if (spec.http === 'GET') {
    const properties = (request.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((request.required ?? []) as string[]);
    operation.parameters = Object.entries(properties).map(([name, schema]) => ({
      name,
      in: 'query',
      required: required.has(name),
      schema,
    }));
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
      '200': json({ type: 'object', properties: { [what]: { type: 'boolean' } } }, `The server is ${what}.`),
      '503': json(
        { type: 'object', properties: { [what]: { type: 'boolean' }, reason: { type: 'string' } } },
        `The server is not ${what}; \`reason\` says why (the inference host's state, and when it next starts).`,
      ),
    },
  });
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
          '401': oipErrorRef,
          '404': oipErrorRef,
        },
      },
      ready: {
        operationId: `oip.model.ready${suffix}`,
        summary: 'Whether the model is installed and the inference host is ready.',
        tags: ['v2'],
        parameters,
        responses: { '200': { description: 'Ready.' }, '401': oipErrorRef, '404': oipErrorRef, '503': oipErrorRef },
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
          '400': oipErrorRef,
          '401': oipErrorRef,
          '404': oipErrorRef,
          '413': oipErrorRef,
          default: oipErrorRef,
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
          '401': oipErrorRef,
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
      responses: { '200': { description: 'An endless event stream.', content: { 'text/event-stream': {} } } },
    },
  };
  paths['/v1/openapi.json'] = {
    get: {
      operationId: 'openapi',
      summary: 'This document.',
      tags: ['meta'],
      responses: { '200': json({ type: 'object' }, 'OpenAPI 3.1.') },
    },
  };
  Object.assign(paths, openInferencePaths());
  return {
    openapi: '3.1.0',
    info: {
      title: 'Mosaic Studio HTTP API',
      version: options.version,
      description:
        'Every contract method as a route (/v1/<domain>/<verb>), server-sent events, and the Open Inference Protocol ' +
        'v2 under /v2. Every route needs `Authorization: Bearer <token>` (MOSAIC_HOME/api-token) except ' +
        '/v2/health/live and /v2/health/ready.',
    },
    ...(options.serverUrl ? { servers: [{ url: options.serverUrl }] } : {}),
    security: [{ bearerAuth: [] }],
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'MOSAIC_HOME/api-token' } },
      schemas: {
        Error: jsonSchemaOf(z.object({ error: errorPayloadSchema }), 'output', 'error'),
        OipError: jsonSchemaOf(oipErrorSchema, 'output', 'oip:error'),
      },
      responses: {
        Error: json({ $ref: '#/components/schemas/Error' }, 'An error: `{"error": {"code", "message"}}`.'),
        OipError: json({ $ref: '#/components/schemas/OipError' }, 'An Open Inference Protocol error: `{"error"}`.'),
      },
    },
  };
}
