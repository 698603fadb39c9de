// The /v2 route table against the OpenAPI document the server publishes: the same paths and verbs, and exactly the
// health probes answer without a token.
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../../../main/http/openapi.js';
import { OpenInferenceRoutes, openInferenceRoutes } from '../../../../main/http/open-inference-routes.js';
import { createLogger } from '../../../../main/platform/logger.js';

type Operations = Record<string, { security?: unknown[] }>;
const document = buildOpenApiDocument({ version: '1.0.0' }) as { paths: Record<string, Operations> };
const documented = Object.entries(document.paths)
  .filter(([path]) => path === '/v2' || path.startsWith('/v2/'))
  .flatMap(([path, operations]) =>
    Object.entries(operations).map(([verb, operation]) => ({
      route: `${verb.toUpperCase()} ${path.replace('{model_name}', '{name}').replace('{model_version}', '{version}')}`,
      open: Array.isArray(operation.security) && operation.security.length === 0,
    })),
  );

describe('the Open Inference Protocol route table', () => {
  it('serves exactly the /v2 routes the OpenAPI document lists', () => {
    const table = openInferenceRoutes.map((route) => `${route.verb} ${route.path}`).sort();
    expect(table).toEqual(documented.map(({ route }) => route).sort());
    expect(table).toHaveLength(9);
  });

  it('answers without a token exactly on the routes the document marks as needing none', () => {
    const routes = new OpenInferenceRoutes({
      logger: createLogger('test', 'error', () => {}),
      maxInferBodyBytes: 1024,
    });
    const open = documented.filter(({ open }) => open).map(({ route }) => route.split(' ')[1]);
    expect(open.sort()).toEqual(['/v2/health/live', '/v2/health/ready']);
    for (const { route } of documented)
      expect(routes.isOpen(route.split(' ')[1] as string), route).toBe(open.includes(route.split(' ')[1] as string));
    // A trailing slash is another path: it needs the token.
    expect(routes.isOpen('/v2/health/live/')).toBe(false);
  });
});
