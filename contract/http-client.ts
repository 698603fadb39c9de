// The UI's client in a browser: the same contract over the local HTTP API and server-sent events.
import type { EventId, MethodId, MosaicBridge } from '../../../contract/index.js';
import { MosaicError, errorPayloadSchema, eventIds, httpPathOf, methods } from '../../../contract/index.js';

export function createHttpBridge(baseUrl = '', fetchImpl: typeof fetch = fetch.bind(globalThis)): MosaicBridge {
  const listeners = new Map<EventId, Set<(payload: unknown) => void>>();
  let source: EventSource | null = null;

  const ensureEventSource = (): void => {
    if (source || typeof EventSource === 'undefined') return;
    source = new EventSource(`${baseUrl}/v1/events`);
    for (const event of eventIds) {
      source.addEventListener(event, (message) => {
        const payload = JSON.parse((message as MessageEvent<string>).data) as unknown;
        for (const listener of listeners.get(event) ?? []) listener(payload);
      });
    }
  };

  return {
    async call(method: MethodId, request) {
      const verb = methods[method].http;
      let url = `${baseUrl}${httpPathOf(method)}`;
      const init: RequestInit = { method: verb, headers: { accept: 'application/json' } };
      if (verb === 'GET') {
        const query = new URLSearchParams(request as Record<string, string>).toString();
        if (query) url += `?${query}`;
      } else {
        init.body = JSON.stringify(request);
        init.headers = { ...init.headers, 'content-type': 'application/json' };
      }
      let response: Response;
      try {
        response = await fetchImpl(url, init);
      } catch (error) {
        throw new MosaicError(
          'INFERENCE_HOST_UNAVAILABLE',
          `Mosaic Studio's service is not reachable: ${String(error)}`,
        );
      }
      const body = (await response.json().catch(() => null)) as unknown;
      if (!response.ok) {
        const parsed = errorPayloadSchema.safeParse((body as { error?: unknown } | null)?.error);
        throw parsed.success
          ? MosaicError.from(parsed.data)
          : new MosaicError('INTERNAL', `HTTP ${response.status} from ${httpPathOf(method)}`);
      }
      return body as never;
    },
    on(event, listener) {
      ensureEventSource();
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: unknown) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (payload: unknown) => void);
    },
  };
}
