import { describe, expect, it } from 'vitest';
import { createHttpBridge } from '../../../contract/http-client.js';
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
});
