// A raw HTTP request for front-door tests: fetch forbids setting Host, and these tests send any Host header and body.
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';

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

/**
 * Writes `head` (request line and headers, CRLF-separated, without the blank line) and `body` on a plain socket, for
 * requests no HTTP client sends (two Host headers, user info in Host); resolves to the status and body.
 */
export function rawSocketRequest(baseUrl: string, head: string, body = ''): Promise<{ status: number; body: string }> {
  const target = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(target.port), target.hostname);
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0);
      resolve({ status, body: text.slice(text.indexOf('\r\n\r\n') + 4) });
    });
    socket.end(`${head}\r\nconnection: close\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  });
}
