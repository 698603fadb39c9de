// Which Host headers the HTTP API answers (DNS-rebinding defence) and which browser origins may call it (CORS).
import { hostname as osHostname, networkInterfaces } from 'node:os';
import { desktopAppOrigin } from '../platform/app-origin.js';

const loopbackHostnames = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * The name part of a Host header (RFC 9110 §7.2: `uri-host [ ":" port ]`), lower case: `[::1]:7523` → `[::1]`,
 * `Example:80` → `example`. Null for anything that is not exactly a host and an optional port: userinfo
 * (`127.0.0.1:7523@evil.example`), a path, a second colon, a non-numeric or out-of-range port, an empty name.
 */
export function hostNameOf(host: string | undefined): string | null {
  if (!host) return null;
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9._~-]+)(?::(\d{1,5}))?$/i.exec(host);
  if (!match) return null;
  const [, name, port] = match as unknown as [string, string, string | undefined];
  if (port !== undefined && Number(port) > 65535) return null;
  if (name.startsWith('[') && !isIpv6Literal(name.slice(1, -1))) return null;
  return name.toLowerCase();
}

/** An IPv6 address as URL parsing reads it (`::1`, `fe80::1`, `::ffff:127.0.0.1`). */
function isIpv6Literal(address: string): boolean {
  try {
    return new URL(`http://[${address}]/`).hostname.length > 2;
  } catch {
    return false;
  }
}

/** How many Host headers the request carried (Node keeps only the first in `headers.host`). */
export function hostHeaderCount(rawHeaders: readonly string[]): number {
  let count = 0;
  for (let index = 0; index < rawHeaders.length; index += 2) if (rawHeaders[index]?.toLowerCase() === 'host') count++;
  return count;
}

/** True for `127.0.0.1:port`, `localhost`, `[::1]:port`; false for any other name or a missing Host. */
export function isLoopbackHost(host: string | undefined): boolean {
  const name = hostNameOf(host);
  return name !== null && loopbackHostnames.includes(name);
}

/** True for a bind address that only this machine can reach. */
export function isLoopbackAddress(address: string): boolean {
  const plain = address.replace(/^\[|\]$/g, '').toLowerCase();
  return plain === 'localhost' || plain === '::1' || /^127\.\d+\.\d+\.\d+$/.test(plain);
}

function asHostName(address: string): string {
  const plain = address.split('%')[0]?.toLowerCase() ?? '';
  return plain.includes(':') ? `[${plain}]` : plain;
}

export interface HostPolicyOptions {
  /** The address the server binds: loopback (the default), a specific address, or 0.0.0.0 / :: for every interface. */
  bindAddress: string;
  /** Further names to accept (`mosaic serve --allow-host studio.lan`). */
  allowHosts?: readonly string[];
  /** Seams for tests. */
  interfaces?: () => ReturnType<typeof networkInterfaces>;
  hostname?: () => string;
}

/**
 * The Host names a request may carry. Loopback names always; `--allow-host` names always; and when the server binds
 * beyond loopback, the names it is reachable by: the bound address (every interface address for 0.0.0.0 / ::) and
 * this machine's hostname (also as `<hostname>.local`).
 */
export function allowedHostNames(options: HostPolicyOptions): Set<string> {
  const names = new Set<string>(loopbackHostnames);
  for (const name of options.allowHosts ?? []) names.add(asHostName(name.trim()));
  const bind = options.bindAddress;
  if (!isLoopbackAddress(bind)) {
    const hostname = (options.hostname ?? osHostname)().toLowerCase();
    if (hostname) {
      names.add(hostname);
      if (!hostname.includes('.')) names.add(`${hostname}.local`);
    }
    const everywhere = bind === '0.0.0.0' || bind === '::' || bind === '[::]';
    if (everywhere) {
      for (const list of Object.values((options.interfaces ?? networkInterfaces)())) {
        for (const entry of list ?? []) names.add(asHostName(entry.address));
      }
    } else {
      names.add(asHostName(bind));
    }
  }
  return names;
}

/**
 * `https://Example.com:8443/` → `https://example.com:8443`; the desktop window's `mosaic-studio://app` as it is; null
 * for anything else (`null`, file:, other schemes).
 */
export function normalizeOrigin(origin: string): string | null {
  if (origin.trim().toLowerCase() === desktopAppOrigin) return desktopAppOrigin;
  try {
    const url = new URL(origin.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin;
  } catch {
    return null;
  }
}

/** The request's Origin is this server itself (the served Studio): `http://<Host>`. */
export function isSameOrigin(origin: string, host: string | undefined): boolean {
  if (!host) return false;
  return normalizeOrigin(origin) === normalizeOrigin(`http://${host}`);
}
