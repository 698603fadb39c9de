import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MosaicHttpServer, isLoopbackHost } from '../../../main/http/http-server.js';
import { silentLogger } from '../../../main/platform/logger.js';
import { ContractDispatcher } from '../../../main/services/contract-dispatcher.js';
import { EventBus } from '../../../main/services/event-bus.js';
import { sampleHandlers, sampleInfo } from '../../support/sample-handlers.js';

/** A raw request, so tests can send any Host header and body (fetch forbids setting Host). */
function send(
  url: string,
  options: { method?: string; path: string; host?: string; body?: string; headers?: Record<string, string> },
): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
  const target = new URL(options.path, url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        hostname: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method: options.method ?? 'GET',
        headers: { host: options.host ?? target.host, ...options.headers },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

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
      const req = httpRequest({ hostname: target.hostname, port: target.port, path: target.pathname }, (res) => {
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
      });
      req.on('error', reject);
      req.end();
    });
    expect(received).toContain('event: inference.didChangeState');
    expect(received).toContain('"state":"ready"');
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
    ]) {
      expect(isLoopbackHost(host)).toBe(false);
    }
  });
});
