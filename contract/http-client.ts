// A contract client over the HTTP API and server-sent events: the UI in a browser, the CLI and remote backends use it.
import type { MosaicBridge } from './bridge.js';
import { MosaicError, errorPayloadSchema } from './errors.js';
import { eventIds, type EventId } from './events.js';
import { httpPathOf, methods, type MethodId } from './methods.js';

export interface HttpBridgeOptions {
  fetch?: typeof fetch;
  /** Sent as `Authorization: Bearer …` (the local API's token, or a remote service's). */
  token?: string;
}

export function createHttpBridge(baseUrl = '', options: HttpBridgeOptions = {}): MosaicBridge {
  const fetchImpl = options.fetch ?? fetch.bind(globalThis);
  const listeners = new Map<EventId, Set<(payload: unknown) => void>>();
  let source: EventSource | null = null;

  const ensureEventSource = (): void => {
    if (source || typeof EventSource === 'undefined') return;
    source = new EventSource(`${baseUrl}/v1/events`);
    for (const event of eventIds) {
      source.addEventListener(event, (message) => {
        const payload = JSON.parse((message as unknown as { data: string }).data) as unknown;
        for (const listener of listeners.get(event) ?? []) listener(payload);
      });
    }
  };

  return {
    async call(method: MethodId, request) {
      const verb = methods[method].http;
      let url = `${baseUrl}${httpPathOf(method)}`;
      const headers: Record<string, string> = { accept: 'application/json' };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      const init: RequestInit = { method: verb, headers };
      if (verb === 'GET') {
        const query = new URLSearchParams(request as Record<string, string>).toString();
        if (query) url += `?${query}`;
      } else {
        init.body = JSON.stringify(request);
        headers['content-type'] = 'application/json';
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
