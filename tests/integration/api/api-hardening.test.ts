// The hardened HTTP API on a real engine: bearer token, Host check, body limit, and 1,000+ fuzzed request bodies
// across every POST route (seeded, so a failure reproduces) that must all be answered with 4xx (never 5xx).
import { stat } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { httpPathOf, methodIds, methods } from '../../../contract/index.js';
import { rawRequest, type RawRequest } from '../../support/raw-http.js';
import { createApiWorld, documentedStatuses, type ApiWorld } from './api-world.js';

let world: ApiWorld;

beforeAll(async () => {
  world = await createApiWorld();
}, 120_000);

afterAll(async () => {
  await world?.dispose();
});

/** Every status answered in this file, by verb and path, to hold against the OpenAPI document at the end. */
const answered = new Map<string, Set<number>>();

/** A raw request (fetch cannot set Host), with the token unless `anonymous`. */
const raw = async (options: RawRequest) => {
  const response = await rawRequest(world.url, world.token, options);
  const key = `${options.method ?? 'GET'} ${options.path}`;
  answered.set(key, (answered.get(key) ?? new Set()).add(response.status));
  return response;
};

describe('the API token', () => {
  it('is kept in MOSAIC_HOME/api-token with mode 0600 and reported by system.apiAccess', async () => {
    const access = await world.api('/v1/system/api-access').then((response) => response.json());
    expect(access).toEqual({
      baseUrl: world.url,
      token: world.token,
      tokenFile: world.fixture.core.apiAccess.tokenFile,
    });
    expect(world.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    if (process.platform !== 'win32') expect((await stat(access.tokenFile)).mode & 0o777).toBe(0o600);
  });

  it('is required: no token or a wrong one is 401 UNAUTHORIZED with WWW-Authenticate', async () => {
    const none = await raw({ path: '/v1/system/info', anonymous: true });
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body).error.code).toBe('UNAUTHORIZED');
    expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
    const wrong = await raw({
      method: 'POST',
      path: '/v1/inference/generate',
      anonymous: true,
      headers: { authorization: 'Bearer nope', 'content-type': 'application/json' },
      body: Buffer.from('{}'),
    });
    expect(wrong.status).toBe(401);
    const infer = await raw({ method: 'POST', path: '/v2/models/probe-model/infer', anonymous: true });
    expect(infer.status).toBe(401);
    expect(typeof JSON.parse(infer.body).error).toBe('string');
    // The health probes answer without one.
    expect((await raw({ path: '/v2/health/live', anonymous: true })).status).toBe(200);
    expect((await raw({ path: '/v2/health/ready', anonymous: true })).status).toBe(200);
  });
});

it('refuses a foreign Host with 403 (DNS rebinding), even with the token', async () => {
  const response = await raw({ path: '/v1/system/info', host: 'evil.example' });
  expect(response.status).toBe(403);
  expect(JSON.parse(response.body).error.code).toBe('FORBIDDEN');
  expect((await raw({ path: '/v2/health/live', host: 'rebound.example:80' })).status).toBe(403);
});

it('refuses a body over 1 MiB with 413, and a /v2 infer body (tensors as JSON numbers) over 32 MiB', async () => {
  const json = { 'content-type': 'application/json' };
  const big = Buffer.from(JSON.stringify({ prompt: Array.from({ length: 600_000 }, () => 1) }));
  expect(big.length).toBeGreaterThan(1024 * 1024);
  expect((await raw({ method: 'POST', path: '/v1/inference/generate', headers: json, body: big })).status).toBe(413);
  // The same body is read by /v2 infer (and refused for what it says, not for its size).
  const path = '/v2/models/probe-model/infer';
  expect((await raw({ method: 'POST', path, headers: json, body: big })).status).toBe(400);
  const huge = Buffer.alloc(32 * 1024 * 1024 + 1, 0x20);
  expect((await raw({ method: 'POST', path, headers: json, body: huge })).status).toBe(413);
});

/** mulberry32: a tiny seeded PRNG, so every fuzzed body can be reproduced from the seed. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const seed = Number(process.env.MOSAIC_FUZZ_SEED ?? 20261124);
const random = prng(seed);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const strings = ['', 'a', 'tiny-counter', '../../etc/passwd', '1.0.0', 'x'.repeat(5000), '\u0000', '😀', 'NaN', '-1'];
const numbers = [0, -0, 1, -1, 0.5, 1e308, -1e308, 2 ** 53 + 1, 2 ** 64, 4294967296, 1e-320, 123456789012];

function randomValue(depth: number, keys: string[]): unknown {
  const kind = depth > 4 ? Math.floor(random() * 4) : Math.floor(random() * 7);
  switch (kind) {
    case 0:
      return null;
    case 1:
      return random() < 0.5;
    case 2:
      return random() < 0.5 ? pick(numbers) : Math.floor((random() - 0.5) * 1e6);
    case 3:
      return random() < 0.7 ? pick(strings) : Math.random().toString(36);
    case 4:
      return Array.from({ length: Math.floor(random() * 5) }, () => randomValue(depth + 1, keys));
    default: {
      const object: Record<string, unknown> = {};
      const count = Math.floor(random() * 5);
      for (let index = 0; index < count; index++) {
        // Mostly the route's own field names, so validation goes past the top level.
        const key = keys.length > 0 && random() < 0.8 ? pick(keys) : pick(strings);
        object[key] = randomValue(depth + 1, keys);
      }
      return object;
    }
  }
}

function nested(depth: number): string {
  return random() < 0.5 ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** One fuzzed request: body bytes and content type. */
function fuzzedBody(keys: string[]): { body: Buffer; type: string | null; label: string } {
  const json = 'application/json';
  const roll = random();
  if (roll < 0.55) return { body: Buffer.from(JSON.stringify(randomValue(0, keys))), type: json, label: 'random JSON' };
  if (roll < 0.65) return { body: Buffer.from(nested(1 + Math.floor(random() * 100_000))), type: json, label: 'deep' };
  if (roll < 0.72) {
    const text = JSON.stringify(randomValue(0, keys));
    return { body: Buffer.from(text.slice(0, Math.floor(random() * text.length))), type: json, label: 'truncated' };
  }
  if (roll < 0.8) {
    const body = Buffer.concat([
      Buffer.from(`{"${pick(keys.length ? keys : ['a'])}":"`),
      Buffer.from([0xff, 0xfe, 0xc0, 0x80]),
      Buffer.from('"}'),
    ]);
    return { body, type: `${json}; charset=utf-8`, label: 'invalid UTF-8' };
  }
  if (roll < 0.9) {
    const type = pick([
      null,
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
    ]);
    return { body: Buffer.from(JSON.stringify(randomValue(0, keys))), type, label: `content type ${type}` };
  }
  const scalar = pick([
    'null',
    'true',
    '1e999',
    '-1',
    '"text"',
    '[]',
    '{}{}',
    '\u0000',
    '{"__proto__":{"polluted":1}}',
  ]);
  return { body: Buffer.from(scalar), type: json, label: 'scalar' };
}

it('answers 1,000+ fuzzed bodies on every POST route with 4xx, never 5xx, and stays up', async () => {
  const routes = methodIds
    .filter((id) => methods[id].http === 'POST')
    .map((id) => {
      const schema = z.toJSONSchema(methods[id].request, { io: 'input', unrepresentable: 'any' }) as {
        properties?: Record<string, unknown>;
      };
      return { path: httpPathOf(id), keys: Object.keys(schema.properties ?? {}) };
    });
  routes.push(
    {
      path: '/v2/models/probe-model/infer',
      keys: ['inputs', 'outputs', 'id', 'parameters', 'name', 'shape', 'datatype', 'data'],
    },
    {
      path: '/v2/models/tiny-counter/infer',
      keys: ['inputs', 'outputs', 'id', 'parameters', 'name', 'shape', 'datatype', 'data'],
    },
  );
  const statuses = new Map<number, number>();
  const failures: string[] = [];
  const perRoute = Math.ceil(1050 / routes.length);
  let sent = 0;
  for (const route of routes) {
    for (let index = 0; index < perRoute; index++) {
      const { body, type, label } = fuzzedBody(route.keys);
      const response = await raw({
        method: 'POST',
        path: route.path,
        headers: type ? { 'content-type': type } : {},
        body,
      });
      sent++;
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      if (response.status >= 500 || response.status < 200) {
        failures.push(
          `${route.path} ${label} → ${response.status} ${response.body.slice(0, 200)} (body ${body.toString('utf8').slice(0, 120)})`,
        );
      }
    }
  }
  console.log(`fuzz seed ${seed}: ${sent} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
  expect(sent).toBeGreaterThanOrEqual(1000);
  expect(failures, `seed ${seed}`).toEqual([]);
  const ok = [...statuses].filter(([status]) => status < 300).reduce((sum, [, count]) => sum + count, 0);
  // A random body is almost never a valid request; the few that are (jobs.cancel of an unknown id) answer 200.
  expect(ok / sent).toBeLessThan(0.05);
  expect((await world.api('/v1/system/info')).status).toBe(200);
  expect((await raw({ path: '/v2/health/ready', anonymous: true })).status).toBe(200);
}, 240_000);

it('lists in the OpenAPI document every status the server answered above, on each route', async () => {
  const { paths } = await world.api('/v1/openapi.json').then((response) => response.json());
  const missing: string[] = [];
  for (const [key, statuses] of answered) {
    const [verb, path] = key.split(' ') as [string, string];
    const listed = documentedStatuses(paths, verb, path);
    for (const status of statuses) if (!listed.includes(String(status))) missing.push(`${key} → ${status}`);
  }
  expect(answered.size).toBeGreaterThan(20);
  expect(missing).toEqual([]);
});
