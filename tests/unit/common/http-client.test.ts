import { describe, expect, it } from 'vitest';
import { createHttpBridge, createSseParser } from '../../../common/http-client.js';
import { sampleInfo } from '../../support/sample-handlers.js';

describe('HTTP bridge', () => {
  it('GETs queries and POSTs commands as JSON on the contract paths', async () => {
    const seen: { url: string; init: RequestInit }[] = [];
    const fetchImpl = (async (url: string, init: RequestInit) => {
      seen.push({ url, init });
      const body = url.endsWith('/v1/system/info')
        ? sampleInfo
        : { output: [[0]], executionProvider: 'cpu', elapsedMs: 1, pid: 1 };
      return new Response(JSON.stringify(body), { status: 200 });
    }) as typeof fetch;
    const bridge = createHttpBridge('http://127.0.0.1:1', { fetch: fetchImpl });
    expect(await bridge.call('system.info', {})).toEqual(sampleInfo);
    await bridge.call('inference.probe', { input: [[1, 2, 3, 4]] });
    expect(seen[0]).toMatchObject({ url: 'http://127.0.0.1:1/v1/system/info', init: { method: 'GET' } });
    expect(seen[1]?.init).toMatchObject({ method: 'POST', body: '{"input":[[1,2,3,4]]}' });
  });

  it('turns an error body into a MosaicError with its code', async () => {
    const fetchImpl = (async () =>
      new Response(JSON.stringify({ error: { code: 'QUEUE_FULL', message: 'busy' } }), {
        status: 429,
      })) as typeof fetch;
    await expect(createHttpBridge('', { fetch: fetchImpl }).call('system.info', {})).rejects.toMatchObject({
      code: 'QUEUE_FULL',
      message: 'busy',
    });
  });

  it('reports an unreachable service with a code', async () => {
    const fetchImpl = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    await expect(createHttpBridge('', { fetch: fetchImpl }).call('system.info', {})).rejects.toMatchObject({
      code: 'INFERENCE_HOST_UNAVAILABLE',
    });
  });

  it('reads events with fetch, sending the bearer token (EventSource cannot)', async () => {
    const seen: RequestInit[] = [];
    const fetchImpl = (async (_url: string, init: RequestInit) => {
      seen.push(init);
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          const text =
            ': connected\n\nevent: inference.didChangeState\ndata: {"state":\n\nevent: jobs.didChange\ndata: {"id":"j1"}\n\n';
          // Split mid-line, as a network would.
          const bytes = new TextEncoder().encode(text);
          controller.enqueue(bytes.slice(0, 30));
          controller.enqueue(bytes.slice(30));
        },
      });
      return new Response(body, { status: 200 });
    }) as typeof fetch;
    const bridge = createHttpBridge('http://127.0.0.1:1', { fetch: fetchImpl, token: 't0k' });
    const payload = await new Promise((resolve) => bridge.on('jobs.didChange', resolve));
    expect(payload).toEqual({ id: 'j1' });
    expect(seen[0]?.headers).toMatchObject({ authorization: 'Bearer t0k' });
  });

  it('ends the event stream for good when its signal aborts: no reconnect (a one-shot CLI can exit)', async () => {
    const connects = new Map<string, number>();
    // Each connection delivers one event and ends, as a restarting server's would: the bridge reconnects.
    const fetchImpl = (async (url: string) => {
      connects.set(url, (connects.get(url) ?? 0) + 1);
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('event: jobs.didChange\ndata: {"id":"j1"}\n\n'));
          controller.close();
        },
      });
      return new Response(body, { status: 200 });
    }) as typeof fetch;
    const stopped = new AbortController();
    const kept = new AbortController();
    const stoppedBridge = createHttpBridge('http://a', { fetch: fetchImpl, reconnectMs: 5, signal: stopped.signal });
    const keptBridge = createHttpBridge('http://b', { fetch: fetchImpl, reconnectMs: 5, signal: kept.signal });
    await new Promise((resolve) => stoppedBridge.on('jobs.didChange', resolve));
    stopped.abort();
    keptBridge.on('jobs.didChange', () => undefined);
    await new Promise((resolve) => setTimeout(resolve, 80));
    kept.abort();
    expect(connects.get('http://a/v1/events')).toBe(1);
    expect(connects.get('http://b/v1/events')).toBeGreaterThanOrEqual(3);
  });

  it('parses server-sent events: comments, multi-line data, CRLF', () => {
    const events: [string, string][] = [];
    const feed = createSseParser((event, data) => events.push([event, data]));
    feed(': hi\r\nevent: a\r\ndata: 1\r\ndata: 2\r\n\r\ndata: plain\n');
    feed('\n');
    expect(events).toEqual([
      ['a', '1\n2'],
      ['message', 'plain'],
    ]);
  });
});
