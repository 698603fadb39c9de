// The checks every request passes before routing: its target is a path, its one Host names this machine (DNS-rebinding
// defence), and a cross-origin browser call to the API comes from an allowed origin (CORS, preflight included).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorPayload } from '../../contract/index.js';
import { desktopAppOrigin } from '../platform/app-origin.js';
import { allowedHostNames, hostHeaderCount, hostNameOf, isSameOrigin, normalizeOrigin } from './host-policy.js';

/** True for `root` itself and every path under it. */
export function isUnder(pathname: string, root: '/v1' | '/v2'): boolean {
  return pathname === root || pathname.startsWith(`${root}/`);
}

/** Answers a refused request in its route's error form (`url` null: the target itself was unreadable). */
export type Refuse = (response: ServerResponse, url: URL | null, error: ErrorPayload) => void;

export class RequestGuard {
  private readonly corsOrigins: Set<string>;
  private hostNames = allowedHostNames({ bindAddress: '127.0.0.1' });

  constructor(
    corsOrigins: readonly string[],
    private readonly refuse: Refuse,
  ) {
    // The desktop window's origin is always allowed: no web page can send it, so it only ever comes from a Studio
    // whose remote backend points here — with this server's token.
    this.corsOrigins = new Set(
      [desktopAppOrigin, ...corsOrigins]
        .map((origin) => normalizeOrigin(origin))
        .filter((o): o is string => o !== null),
    );
  }

  /** The Host names to accept once the server binds `bindAddress`. */
  bind(bindAddress: string, allowHosts: readonly string[]): void {
    this.hostNames = allowedHostNames({ bindAddress, allowHosts });
  }

  /** The request's URL when it may be routed; null when it was answered here (refused, or a CORS preflight). */
  admit(request: IncomingMessage, response: ServerResponse): URL | null {
    // Only a path (origin-form) is read: an absolute URL as the target would name an authority the Host check below
    // never sees, and '//name/…' would parse as one.
    const target = request.url ?? '/';
    let url: URL;
    try {
      if (!target.startsWith('/')) throw new Error('not origin-form');
      url = new URL(`http://127.0.0.1${target}`);
    } catch {
      this.refuse(response, null, {
        code: 'BAD_REQUEST',
        message: 'Send the request target as a path (/v1/…), not an absolute URL.',
      });
      return null;
    }
    // DNS rebinding defence: a page on evil.example that resolves to 127.0.0.1 still sends its own Host.
    // A Host that is not exactly `name[:port]`, or more than one, is refused outright (RFC 9112 §3.2): otherwise a
    // proxy and this check could read different names from the same request.
    const hostName = hostNameOf(request.headers.host);
    if (hostName === null || hostHeaderCount(request.rawHeaders) !== 1) {
      this.refuse(response, url, {
        code: 'BAD_REQUEST',
        message: 'Send exactly one Host header of the form name[:port] (no user info, no path).',
      });
      return null;
    }
    if (!this.hostNames.has(hostName)) {
      this.refuse(response, url, {
        code: 'FORBIDDEN',
        message: 'Requests must address this machine by a loopback name (or a name allowed with --allow-host).',
      });
      return null;
    }
    const api = isUnder(url.pathname, '/v1') || isUnder(url.pathname, '/v2');
    if (api && !this.checkOrigin(request, url, response)) return null;
    return url;
  }

  /**
   * CORS: a browser request from another origin is refused (403) unless that origin is allowed; an allowed one gets
   * Access-Control-Allow-Origin, and its preflight (OPTIONS) is answered here. False when the request was answered.
   */
  private checkOrigin(request: IncomingMessage, url: URL, response: ServerResponse): boolean {
    const origin = request.headers.origin;
    if (origin === undefined || isSameOrigin(origin, request.headers.host)) return true;
    const normalized = normalizeOrigin(origin);
    if (normalized === null || !this.corsOrigins.has(normalized)) {
      this.refuse(response, url, {
        code: 'FORBIDDEN',
        message: `Origin ${origin} may not call this API (allow it with --cors-origin or MOSAIC_CORS_ORIGINS).`,
      });
      return false;
    }
    response.setHeader('access-control-allow-origin', normalized);
    response.setHeader('vary', 'Origin');
    if (request.method === 'OPTIONS') {
      response.writeHead(204, {
        'access-control-allow-methods': 'GET, POST',
        'access-control-allow-headers': 'Authorization, Content-Type',
        'access-control-max-age': '600',
        'content-length': 0,
      });
      response.end();
      return false;
    }
    return true;
  }
}
