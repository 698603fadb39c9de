// A raw HTTP request for front-door tests: fetch forbids setting Host, and these tests send any Host header and body.
import { request as httpRequest } from 'node:http';

export interface RawRequest {
  method?: string;
  path: string;
  host?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Leave out the bearer token. */
  anonymous?: boolean;
}

export interface RawResponse {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

/** Sends `options` to `baseUrl` with `Authorization: Bearer <token>` unless `anonymous` (headers given win). */
export function rawRequest(baseUrl: string, token: string, options: RawRequest): Promise<RawResponse> {
  const target = new URL(options.path, baseUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        hostname: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method: options.method ?? 'GET',
        headers: {
          host: options.host ?? target.host,
          ...(options.anonymous ? {} : { authorization: `Bearer ${token}` }),
          ...options.headers,
        },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}
