import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowedHostNames } from '../../../../main/http/host-policy.js';
import { MosaicHttpServer, isLoopbackHost } from '../../../../main/http/http-server.js';
import { silentLogger } from '../../../../main/platform/logger.js';
import { ContractDispatcher } from '../../../../main/services/engine/contract-dispatcher.js';
import { EventBus } from '../../../../main/services/engine/event-bus.js';
import { rawRequest, rawSocketRequest, type RawRequest } from '../../../support/raw-http.js';
import { sampleHandlers, sampleInfo } from '../../../support/sample-handlers.js';

const token = 'unit-test-token';

/** A raw request, so tests can send any Host header and body; with the token unless `anonymous`. */
const send = (url: string, options: RawRequest) => rawRequest(url, token, options);

describe('MosaicHttpServer', () => {
  const events = new EventBus();
  let server: MosaicHttpServer;
  let url: string;
  let rendererDir: string;

  beforeAll(async () => {
    rendererDir = await mkdtemp(join(tmpdir(), 'mosaic-renderer-'));
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Mosaic</title>');
    await writeFile(join(rendererDir, 'app.js'), 'console.log(1)');
    server = new MosaicHttpServer({
      dispatcher: new ContractDispatcher(sampleHandlers()),
      events,
      logger: silentLogger,
      rendererDir,
      maxBodyBytes: 1024,
      token,
      corsOrigins: ['https://tool.example:8443'],
      allowHosts: ['studio.lan'],
    });
    url = await server.listen(0);
  });

  afterAll(async () => {
    await server.close();
    await rm(rendererDir, { recursive: true, force: true });
  });

  it('answers contract routes with JSON', async () => {
    const info = await send(url, { path: '/v1/system/info' });
    expect(info.status).toBe(200);
    expect(JSON.parse(info.body)).toEqual(sampleInfo);

    const probe = await send(url, {
      method: 'POST',
      path: '/v1/inference/probe',
      body: JSON.stringify({ input: [[1, 1, 1, 1]] }),
      headers: { 'content-type': 'application/json' },
    });
    expect(probe.status).toBe(200);
    expect(JSON.parse(probe.body).output).toEqual([[2, 2, 2, 2]]);
  });

  it('refuses a foreign Host with 403 (DNS rebinding)', async () => {
    const response = await send(url, { path: '/v1/system/info', host: 'evil.example:7523' });
    expect(response.status).toBe(403);
    expect(JSON.parse(response.body).error.code).toBe('FORBIDDEN');
  });

  it('reads the whole Host authority: user info, a path, a bad port or a second Host header is a 400', async () => {
    const head = (hosts: string[]) =>
      ['GET /v1/system/info HTTP/1.1', `authorization: Bearer ${token}`, ...hosts.map((h) => `host: ${h}`)].join(
        '\r\n',
      );
    const port = new URL(url).port;
    // Before: only the text before the first ":" was read, so these passed as 127.0.0.1.
    for (const host of [`127.0.0.1:${port}@evil.example`, `127.0.0.1:${port}/x`, '127.0.0.1:99999', '127.0.0.1:1:2']) {
      const answer = await rawSocketRequest(url, head([host]));
      expect(answer.status, host).toBe(400);
      expect(JSON.parse(answer.body).error.message, host).toMatch(/exactly one Host header/);
    }
    // Two Host headers: the first used to win, whichever it was.
    for (const hosts of [
      [`127.0.0.1:${port}`, 'evil.example'],
      ['evil.example', `127.0.0.1:${port}`],
      [`127.0.0.1:${port}`, `127.0.0.1:${port}`],
    ]) {
      expect((await rawSocketRequest(url, head(hosts))).status, hosts.join(' + ')).toBe(400);
    }
    for (const host of [`127.0.0.1:${port}`, `[::1]:${port}`, '[::1]', `LOCALHOST:${port}`]) {
      expect((await rawSocketRequest(url, head([host]))).status, host).toBe(200);
    }
    for (const host of ['[::2]:80', '[::1', `evil.example:${port}`]) {
      expect([400, 403], host).toContain((await rawSocketRequest(url, head([host]))).status);
    }
  });

  it('reads only a path as the request target: an absolute URL naming another authority is a 400', async () => {
    const port = new URL(url).port;
    const head = (target: string) =>
      [`GET ${target} HTTP/1.1`, `authorization: Bearer ${token}`, `host: 127.0.0.1:${port}`].join('\r\n');
    // Before: the target's authority was ignored and the Host header alone was judged.
    for (const target of ['http://evil.example/v1/system/info', `http://127.0.0.1:${port}/v1/system/info`]) {
      const answer = await rawSocketRequest(url, head(target));
      expect(answer.status, target).toBe(400);
      expect(JSON.parse(answer.body).error.message, target).toMatch(/as a path/);
    }
    // '//name/…' is a path here, not an authority: it reaches no API route, like any other path outside /v1 and /v2.
    const doubled = await rawSocketRequest(url, head('//evil.example/v1/system/info'));
    expect(doubled).toEqual(await rawSocketRequest(url, head('/evil.example/v1/system/info')));
    expect(doubled.body).not.toContain('"Mosaic Studio"');
    const info = await rawSocketRequest(url, head('/v1/system/info'));
    expect(info.status).toBe(200);
    expect(info.body).toContain('"Mosaic Studio"');
  });

  it('maps contract errors to status codes', async () => {
    const invalid = await send(url, {
      method: 'POST',
      path: '/v1/inference/probe',
      body: '{"input": 3}',
      headers: { 'content-type': 'application/json' },
    });
    expect(invalid.status).toBe(400);
    expect(JSON.parse(invalid.body).error.code).toBe('BAD_REQUEST');

    const malformed = await send(url, {
      method: 'POST',
      path: '/v1/inference/probe',
      body: '{not json',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);

    const wrongVerb = await send(url, { method: 'POST', path: '/v1/system/info' });
    expect(wrongVerb.status).toBe(405);
    expect(wrongVerb.headers.allow).toBe('GET');

    const missing = await send(url, { path: '/v1/system/nothing' });
    expect(missing.status).toBe(404);
    // A path that is no route names the routes near it, so a caller guessing `/v1/models` finds `/v1/models/list`.
    expect(JSON.parse(missing.body).error.message).toBe(
      'No route GET /v1/system/nothing. Under /v1/system: GET /v1/system/info, GET /v1/system/doctor, ' +
        'GET /v1/system/api-access, GET /v1/system/settings, POST /v1/system/update-settings. ' +
        'Every route: GET /v1/openapi.json.',
    );
    const area = JSON.parse((await send(url, { path: '/v1/models' })).body).error.message as string;
    expect(area).toMatch(
      /^No route GET \/v1\/models\. Under \/v1\/models: GET \/v1\/models\/list, POST \/v1\/models\/show, /,
    );
    expect(area).toMatch(/, and \d+ more\. Every route: GET \/v1\/openapi\.json\.$/);
    const nowhere = JSON.parse((await send(url, { path: '/v1/nothing' })).body).error.message;
    expect(nowhere).toBe('No route GET /v1/nothing. Every route: GET /v1/openapi.json.');
  });

  it('refuses an oversized body with 413', async () => {
    const response = await send(url, {
      method: 'POST',
      path: '/v1/inference/probe',
      body: JSON.stringify({ input: Array.from({ length: 200 }, () => [1, 2, 3, 4]) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(413);
  });

  it('asks for the bearer token on every /v1 and /v2 route except the health probes', async () => {
    for (const path of ['/v1/system/info', '/v1/events', '/v1/openapi.json', '/v2', '/v2/models/melody']) {
      const missing = await send(url, { path, anonymous: true });
      expect(missing.status, path).toBe(401);
      expect(missing.headers['www-authenticate']).toMatch(/^Bearer/);
    }
    const v1 = await send(url, { path: '/v1/system/info', anonymous: true });
    expect(JSON.parse(v1.body).error.code).toBe('UNAUTHORIZED');
    const v2 = await send(url, { path: '/v2', anonymous: true });
    expect(typeof JSON.parse(v2.body).error).toBe('string');
    const wrong = await send(url, {
      path: '/v1/system/info',
      anonymous: true,
      headers: { authorization: `Bearer ${token}x` },
    });
    expect(wrong.status).toBe(401);
    const basic = await send(url, { path: '/v1/system/info', anonymous: true, headers: { authorization: token } });
    expect(basic.status).toBe(401);
    expect((await send(url, { path: '/v2/health/live', anonymous: true })).status).toBe(200);
    // No OpenInferenceService in this server: readiness cannot be known, so not ready.
    expect((await send(url, { path: '/v2/health/ready', anonymous: true })).status).toBe(404);
    expect((await send(url, { path: '/', anonymous: true })).status).toBe(200);
    expect((await send(url, { path: '/app.js', anonymous: true })).status).toBe(200);
  });

  it('gives no cross-origin access except to allowed origins, and answers their preflight', async () => {
    const foreign = await send(url, { path: '/v1/system/info', headers: { origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
    const foreignPreflight = await send(url, {
      method: 'OPTIONS',
      path: '/v1/system/info',
      anonymous: true,
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    });
    expect(foreignPreflight.status).toBe(403);

    const preflight = await send(url, {
      method: 'OPTIONS',
      path: '/v1/inference/probe',
      anonymous: true,
      headers: {
        origin: 'https://tool.example:8443',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://tool.example:8443');
    expect(preflight.headers['access-control-allow-headers']).toMatch(/Authorization/);
    expect(preflight.headers['access-control-allow-methods']).toMatch(/POST/);

    const allowed = await send(url, { path: '/v1/system/info', headers: { origin: 'https://tool.example:8443' } });
    expect(allowed.status).toBe(200);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://tool.example:8443');

    // The served Studio itself (same origin) needs no CORS.
    const same = await send(url, { path: '/v1/system/info', headers: { origin: url } });
    expect(same.status).toBe(200);
    expect(same.headers['access-control-allow-origin']).toBeUndefined();

    // The desktop window (mosaic-studio://app, pointed at this service as its remote backend) is always allowed; a
    // file:// page's `Origin: null` never is.
    const desktop = await send(url, { path: '/v1/system/info', headers: { origin: 'mosaic-studio://app' } });
    expect(desktop.status).toBe(200);
    expect(desktop.headers['access-control-allow-origin']).toBe('mosaic-studio://app');
    expect((await send(url, { path: '/v1/system/info', headers: { origin: 'null' } })).status).toBe(403);
  });

  it('accepts a Host named with --allow-host', async () => {
    expect((await send(url, { path: '/v1/system/info', host: 'studio.lan:7523' })).status).toBe(200);
    expect((await send(url, { path: '/v1/system/info', host: '192.168.1.5:7523' })).status).toBe(403);
  });

  it('serves the UI with a content security policy and falls back to index.html', async () => {
    const index = await send(url, { path: '/' });
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toContain("default-src 'self'");
    expect((await send(url, { path: '/app.js' })).body).toBe('console.log(1)');
    expect((await send(url, { path: '/models/installed' })).body).toContain('<title>Mosaic</title>');
    expect((await send(url, { path: '/missing.js' })).status).toBe(404);
    expect((await send(url, { path: '/..%2f..%2fetc%2fpasswd' })).status).toBe(404);
  });

  it('streams events as server-sent events', async () => {
    const received = await new Promise<string>((resolve, reject) => {
      const target = new URL('/v1/events', url);
      const headers = { authorization: `Bearer ${token}` };
      const req = httpRequest(
        { hostname: target.hostname, port: target.port, path: target.pathname, headers },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            text += chunk;
            if (text.includes(': connected')) events.emit('inference.didChangeState', sampleInfo.inference);
            if (text.includes('data:')) {
              req.destroy();
              resolve(text);
            }
          });
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(received).toContain('event: inference.didChangeState');
    expect(received).toContain('"state":"ready"');
  });
});

describe('allowedHostNames', () => {
  const interfaces = () =>
    ({
      lo: [{ address: '127.0.0.1' }, { address: '::1' }],
      eth0: [{ address: '192.168.1.5' }, { address: 'fe80::1%eth0' }],
    }) as never;
  const hostname = () => 'Studio-Box';

  it('is loopback only when bound to loopback', () => {
    expect([...allowedHostNames({ bindAddress: '127.0.0.1', interfaces, hostname })].sort()).toEqual(
      ['127.0.0.1', '[::1]', 'localhost'].sort(),
    );
  });
  it('adds the interface addresses and the hostname when bound to every interface', () => {
    const names = allowedHostNames({ bindAddress: '0.0.0.0', interfaces, hostname, allowHosts: ['Mosaic.LAN'] });
    for (const name of ['192.168.1.5', '[fe80::1]', 'studio-box', 'studio-box.local', 'mosaic.lan', 'localhost']) {
      expect(names.has(name), name).toBe(true);
    }
    expect(names.has('evil.example')).toBe(false);
  });
  it('adds only the bound address (and the hostname) when bound to one address', () => {
    const names = allowedHostNames({ bindAddress: '192.168.1.5', interfaces, hostname });
    expect(names.has('192.168.1.5')).toBe(true);
    expect(names.has('[fe80::1]')).toBe(false);
  });
});

describe('isLoopbackHost', () => {
  it('accepts loopback names with or without a port', () => {
    for (const host of ['127.0.0.1:7523', 'localhost', 'LOCALHOST:80', '[::1]:7523', '[::1]']) {
      expect(isLoopbackHost(host)).toBe(true);
    }
  });
  it('refuses everything else', () => {
    for (const host of [
      undefined,
      '',
      'evil.example',
      '127.0.0.1.evil.example',
      '192.168.1.5:7523',
      '0.0.0.0',
      '[::2]',
      '127.0.0.1:7523@evil.example',
      'localhost:80/path',
      '[::1]x',
      '[::1',
      'localhost:',
    ]) {
      expect(isLoopbackHost(host)).toBe(false);
    }
  });
});
