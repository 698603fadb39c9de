// Which URLs the library may fetch: https anywhere, plain http only to loopback or to hosts the user allowed.
import { MosaicError } from '../../../contract/index.js';

export class NetworkPolicy {
  constructor(private readonly allowedHttpHosts: () => Iterable<string>) {}

  /** Throws FORBIDDEN for a URL the library must not fetch. */
  check(url: URL): void {
    if (url.protocol === 'https:') return;
    if (url.protocol !== 'http:') {
      throw new MosaicError('FORBIDDEN', `Only http and https URLs can be fetched, not ${url.protocol}.`);
    }
    if (isLoopbackHostname(url.hostname)) return;
    const host = url.hostname.toLowerCase();
    for (const allowed of this.allowedHttpHosts()) if (allowed.toLowerCase() === host) return;
    throw new MosaicError(
      'FORBIDDEN',
      `Plain http to ${url.hostname} is refused (it can be tampered with on the way). Use https, or allow the host with "mosaic models catalogs add <url> --allow-http".`,
    );
  }
}

export function isLoopbackHostname(hostname: string): boolean {
  const name = hostname.toLowerCase();
  return name === 'localhost' || name === '[::1]' || name === '::1' || /^127(?:\.\d{1,3}){3}$/.test(name);
}
