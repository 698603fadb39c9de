// The CLI's fetch over node:http: what the contract's HTTP client and the service probe read, from a real server.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quickFetch } from '../../../../main/cli/quick-fetch.js';

let server: Server;
let base: string;
const seen: { method: string; url: string; auth: string | undefined; body: string }[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      seen.push({ method: request.method!, url: request.url!, auth: request.headers.authorization, body });
      if (request.url === '/v1/events') {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.end('event: jobs.didChange\ndata: {}\n\n');
        return;
      }
      const status = request.url === '/missing' ? 404 : 200;
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ echo: body ? JSON.parse(body) : null, url: request.url }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('quickFetch', () => {
  it('GETs and POSTs JSON with the headers given, and reads status and body', async () => {
    const got = await quickFetch(`${base}/v1/system/info?x=1`, { headers: { authorization: 'Bearer t' } });
    expect(got.status).toBe(200);
    expect(got.ok).toBe(true);
    expect(await got.json()).toEqual({ echo: null, url: '/v1/system/info?x=1' });
    const posted = await quickFetch(`${base}/v1/music/generate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ bars: 8 }),
    });
    expect(await posted.json()).toEqual({ echo: { bars: 8 }, url: '/v1/music/generate' });
    expect(seen.slice(-2).map((request) => [request.method, request.auth])).toEqual([
      ['GET', 'Bearer t'],
      ['POST', undefined],
    ]);
  });

  it('answers an error status as a response, and a refused connection as a rejection', async () => {
    const missing = await quickFetch(`${base}/missing`);
    expect([missing.status, missing.ok]).toEqual([404, false]);
    // A port nothing listens on: what a stale service.json points at.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(quickFetch(`http://127.0.0.1:${port}/v1/system/info`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('leaves an event stream to the global fetch, whose body streams', async () => {
    const response = await quickFetch(`${base}/v1/events`, { headers: { accept: 'text/event-stream' } });
    expect(response.body).toBeInstanceOf(ReadableStream);
    expect(await response.text()).toContain('event: jobs.didChange');
  });
});
