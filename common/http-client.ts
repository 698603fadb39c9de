// A contract client over the HTTP API and server-sent events: the UI in a browser, the CLI and remote backends use it.
import type { MosaicBridge } from '../contract/bridge.js';
import { MosaicError, errorPayloadSchema } from '../contract/errors.js';
import { eventIds, type EventId } from '../contract/events.js';
import { httpPathOf, methods, type MethodId } from '../contract/methods.js';

export interface HttpBridgeOptions {
  fetch?: typeof fetch;
  /** Sent as `Authorization: Bearer …` (the local API's token, or a remote service's). */
  token?: string;
  /** Wait before reconnecting the event stream after it drops (default 1 s). */
  reconnectMs?: number;
  /** Ends the event stream for good when aborted (a one-shot client such as the CLI, so that its process can exit). */
  signal?: AbortSignal;
}

/**
 * Splits a server-sent event stream into events: feed it text as it arrives; it calls `emit(event, data)` for each
 * complete event (blank-line terminated), joining multi-line data and ignoring comments.
 */
export function createSseParser(emit: (event: string, data: string) => void): (chunk: string) => void {
  let buffer = '';
  let event = '';
  let data: string[] = [];
  return (chunk) => {
    buffer += chunk;
    let newline: number;
    while ((newline = buffer.search(/\r\n|\r|\n/)) !== -1) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
      if (line === '') {
        if (data.length > 0) emit(event || 'message', data.join('\n'));
        event = '';
        data = [];
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
  };
}

export function createHttpBridge(baseUrl = '', options: HttpBridgeOptions = {}): MosaicBridge {
  const fetchImpl = options.fetch ?? fetch.bind(globalThis);
  const listeners = new Map<EventId, Set<(payload: unknown) => void>>();
  const known = new Set<string>(eventIds);
  let streaming = false;

  const dispatch = (event: string, data: string): void => {
    if (!known.has(event)) return;
    let payload: unknown;
    try {
      payload = JSON.parse(data) as unknown;
    } catch {
      return;
    }
    for (const listener of listeners.get(event as EventId) ?? []) listener(payload);
  };

  // The event stream is read with fetch rather than EventSource, which cannot send the Authorization header.
  const readEvents = async (): Promise<'ended' | 'unauthorized'> => {
    const headers: Record<string, string> = { accept: 'text/event-stream' };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const response = await fetchImpl(`${baseUrl}/v1/events`, { headers, signal: options.signal ?? null });
    if (response.status === 401) return 'unauthorized';
    if (!response.ok || !response.body) throw new Error(`HTTP ${response.status} from /v1/events`);
    const feed = createSseParser(dispatch);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return 'ended';
      feed(value);
    }
  };

  const ensureEventStream = (): void => {
    if (streaming || typeof ReadableStream === 'undefined' || options.signal?.aborted) return;
    streaming = true;
    const loop = async (): Promise<void> => {
      for (;;) {
        // A refused token will not start working by itself: stop, and let the next `on` (a new token) try again.
        if ((await readEvents().catch(() => 'failed')) === 'unauthorized') break;
        if (options.signal?.aborted) break;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, options.reconnectMs ?? 1000);
          options.signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
        });
        if (options.signal?.aborted) break;
      }
      streaming = false;
    };
    void loop();
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
      ensureEventStream();
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: unknown) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (payload: unknown) => void);
    },
  };
}
