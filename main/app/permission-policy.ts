// What the desktop window may do beyond showing the app, decided without Electron so it is tested in plain Node: which
// web permissions it gets (clipboard writes from the app's own origin, nothing else) and which links open in the
// user's browser (https links to the hosts the app links to: its homepage, its catalogs, its model cards' sources).

/** Permissions the UI uses: its Copy buttons write text to the clipboard. Every other request and check is denied. */
export const permissionsTheAppUses: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

/**
 * `scheme://host` of a URL or origin, or null. Computed by hand: WHATWG URL gives a custom scheme such as
 * mosaic-studio:// the opaque origin "null".
 */
export function originOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.host ? `${parsed.protocol}//${parsed.host}` : null;
  } catch {
    return null;
  }
}

/** Whether a permission request or check from `requestingUrl` (a page URL or an origin) is granted. */
export function allowsPermission(
  permission: string,
  requestingUrl: string | null | undefined,
  appOrigin: string,
): boolean {
  return permissionsTheAppUses.has(permission) && originOf(requestingUrl) === appOrigin;
}

/** The `host` (hostname, with a port when it is not the default) of each http(s) URL; folders and junk are skipped. */
export function linkHostsOf(urls: Iterable<string | null | undefined>): Set<string> {
  const hosts = new Set<string>();
  for (const url of urls) {
    if (!url) continue;
    try {
      const parsed = new URL(url);
      if (parsed.protocol === 'https:' || parsed.protocol === 'http:') hosts.add(parsed.host.toLowerCase());
    } catch {
      // not a URL (a catalog folder): no host to link to
    }
  }
  return hosts;
}

export type LinkDecision = { open: true; url: string } | { open: false; reason: string };

/** An https URL without credentials, or why a link to `url` never opens whatever its host. */
function linkTarget(url: string): URL | string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'not a URL';
  }
  if (parsed.protocol !== 'https:') return `${parsed.protocol} links do not open`;
  if (parsed.username || parsed.password) return 'links with credentials do not open';
  return parsed;
}

/** Opens only https links, without credentials, to a host the app links to. */
export function decideExternalLink(url: string, hosts: ReadonlySet<string>): LinkDecision {
  const target = linkTarget(url);
  if (typeof target === 'string') return { open: false, reason: target };
  if (!hosts.has(target.host.toLowerCase()))
    return { open: false, reason: `${target.host} is not a host the app links to` };
  return { open: true, url: target.href };
}

export interface ExternalLinksOptions {
  /**
   * Where the app's links come from, cheapest first (the app's homepage and catalogs; then installed model cards; then
   * the cards catalogs offer): each lists URLs the app shows. A later one is read only when no earlier one allows the
   * link's host.
   */
  sources: readonly (() => Promise<Iterable<string | null | undefined>>)[];
  /** Opens the URL in the user's browser (Electron's shell.openExternal). */
  open(url: string): Promise<void>;
  onDenied?(url: string, reason: string): void;
}

/** The window's link opener: asked by the window-open and will-navigate handlers, it opens allowed links only. */
export class ExternalLinks {
  constructor(private readonly options: ExternalLinksOptions) {}

  /** Resolves with what was decided; a source that fails counts as listing nothing. */
  async open(url: string): Promise<LinkDecision> {
    const target = linkTarget(url);
    let decision: LinkDecision = { open: false, reason: typeof target === 'string' ? target : 'no link sources' };
    const hosts = new Set<string>();
    for (const source of typeof target === 'string' ? [] : this.options.sources) {
      for (const host of linkHostsOf(await source().catch(() => []))) hosts.add(host);
      decision = decideExternalLink(url, hosts);
      if (decision.open) {
        await this.options.open(decision.url);
        return decision;
      }
    }
    if (!decision.open) this.options.onDenied?.(url, decision.reason);
    return decision;
  }
}
