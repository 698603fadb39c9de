// A `fetch` for the CLI's one-shot JSON calls to a local service, over node:http. Node's global fetch loads undici on
// first use, ~40 ms of a command's startup on this project's machines (measured: a first GET of /v1/system/info took
// 54–69 ms with fetch, 16–38 ms with node:http); a command answered by a running service is mostly startup, so it
// takes this path. Anything else (an event stream, a body that is not a string) goes to the global fetch.
import { request as httpRequest } from 'node:http';

/** The part of a Response the contract's HTTP client and the service probe read. */
interface QuickResponse {
  status: number;
  ok: boolean;
  json(): Promise<unknown>;
  text(): Promise<string>;
}

export const quickFetch: typeof fetch = ((input: string | URL, init: RequestInit = {}) => {
  // Headers, Request and Response would load undici too: plain objects only (what the callers pass).
  const url = new URL(String(input));
  const headers = (init.headers ?? {}) as Record<string, string>;
  const simple =
    url.protocol === 'http:' &&
    (typeof input === 'string' || input instanceof URL) &&
    typeof headers === 'object' &&
    !Array.isArray(headers) &&
    (init.body === undefined || init.body === null || typeof init.body === 'string') &&
    !String(headers.accept ?? '').includes('text/event-stream');
  if (!simple) return fetch(input, init);
  return new Promise<QuickResponse>((resolve, reject) => {
    const request = httpRequest(
      url,
      { method: init.method ?? 'GET', headers, signal: init.signal ?? undefined },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const status = response.statusCode ?? 0;
          resolve({
            status,
            ok: status >= 200 && status < 300,
            text: () => Promise.resolve(text),
            json: () => Promise.resolve().then(() => JSON.parse(text) as unknown),
          });
        });
      },
    );
    request.on('error', reject);
    request.end(typeof init.body === 'string' ? init.body : undefined);
  });
}) as typeof fetch;
