import { describe, expect, it } from 'vitest';
import {
  ExternalLinks,
  allowsPermission,
  decideExternalLink,
  linkHostsOf,
  originOf,
} from '../../../../main/app/permission-policy.js';
import { desktopAppIndexUrl, desktopAppOrigin } from '../../../../main/platform/app-origin.js';

// Every permission Electron's session handlers can be asked about (electron.d.ts, Session.setPermission*Handler).
const electronPermissions = [
  'clipboard-read',
  'clipboard-sanitized-write',
  'deprecated-sync-clipboard-read',
  'display-capture',
  'fileSystem',
  'fullscreen',
  'geolocation',
  'hid',
  'idle-detection',
  'keyboardLock',
  'media',
  'mediaKeySystem',
  'midi',
  'midiSysex',
  'notifications',
  'openExternal',
  'pointerLock',
  'serial',
  'speaker-selection',
  'storage-access',
  'top-level-storage-access',
  'unknown',
  'usb',
  'window-management',
];

describe('desktop permission policy', () => {
  it('grants the app page only clipboard writes, as a request (page URL) and as a check (origin)', () => {
    for (const requesting of [desktopAppIndexUrl, desktopAppOrigin, `${desktopAppOrigin}/`]) {
      const granted = electronPermissions.filter((permission) =>
        allowsPermission(permission, requesting, desktopAppOrigin),
      );
      expect(granted).toEqual(['clipboard-sanitized-write']);
    }
  });

  it('grants nothing to any other origin, even one that looks like the app', () => {
    for (const requesting of [
      'https://evil.example/',
      'file:///home/user/index.html',
      'mosaic-studio://evil/index.html',
      'mosaic-studio://app.evil.example/',
      'http://127.0.0.1:7523/',
      'null',
      '',
      undefined,
      null,
    ]) {
      for (const permission of electronPermissions) {
        expect(allowsPermission(permission, requesting, desktopAppOrigin)).toBe(false);
      }
    }
  });

  it('computes the origin of a custom-scheme URL (which WHATWG URL calls "null")', () => {
    expect(new URL(desktopAppIndexUrl).origin).toBe('null');
    expect(originOf(desktopAppIndexUrl)).toBe(desktopAppOrigin);
    expect(originOf('https://Models.Example:8443/a?b#c')).toBe('https://models.example:8443');
    expect(originOf('not a url')).toBeNull();
  });
});

describe('external links', () => {
  const hosts = linkHostsOf([
    'https://mosaic-studio.example',
    'https://models.mosaic-studio.example/catalog/',
    '/home/user/my-catalog',
    'http://studio.lan:8080/catalog.json',
    'https://github.com/music-x-lab/POP909-Dataset',
    undefined,
    'javascript:alert(1)',
  ]);

  it('derives hosts from http(s) URLs only (folders and other schemes name none)', () => {
    expect([...hosts].sort()).toEqual([
      'github.com',
      'models.mosaic-studio.example',
      'mosaic-studio.example',
      'studio.lan:8080',
    ]);
  });

  it('opens https links to those hosts and nothing else', () => {
    expect(decideExternalLink('https://github.com/TheVGLC/TheVGLC', hosts)).toEqual({
      open: true,
      url: 'https://github.com/TheVGLC/TheVGLC',
    });
    expect(decideExternalLink('https://GitHub.com/x', hosts)).toMatchObject({ open: true });
    const refused = {
      'https://evil.example/': /evil\.example is not a host the app links to/,
      'https://github.com.evil.example/': /not a host/,
      'https://github.com:444/': /github\.com:444 is not a host/,
      'http://github.com/': /http: links do not open/,
      'http://studio.lan:8080/': /http: links do not open/,
      'https://user:pass@github.com/': /credentials/,
      'file:///etc/passwd': /file: links do not open/,
      'javascript:alert(1)': /javascript: links do not open/,
      'mosaic-studio://app/index.html': /links do not open/,
      'smb://github.com/share': /smb: links do not open/,
      'not a url': /not a URL/,
    };
    for (const [url, reason] of Object.entries(refused)) {
      const decision = decideExternalLink(url, hosts);
      expect(decision.open, url).toBe(false);
      expect(decision.open ? '' : decision.reason, url).toMatch(reason);
    }
  });

  it('reads later (costlier) link sources only when earlier ones do not allow the link, and opens allowed links', async () => {
    const opened: string[] = [];
    const denied: string[] = [];
    const reads: number[] = [];
    const links = new ExternalLinks({
      sources: [
        async () => (reads.push(0), ['https://mosaic-studio.example']),
        async () => (reads.push(1), ['https://github.com/a']),
        async () => {
          reads.push(2);
          throw new Error('catalog unreachable');
        },
      ],
      open: async (url) => void opened.push(url),
      onDenied: (url, reason) => denied.push(`${url}: ${reason}`),
    });
    await expect(links.open('https://mosaic-studio.example/docs')).resolves.toMatchObject({ open: true });
    expect(reads).toEqual([0]);
    await expect(links.open('https://github.com/b')).resolves.toMatchObject({ open: true });
    expect(reads).toEqual([0, 0, 1]);
    await expect(links.open('https://evil.example/')).resolves.toMatchObject({ open: false });
    expect(reads).toEqual([0, 0, 1, 0, 1, 2]);
    // A link that can never open reads no source at all.
    await expect(links.open('file:///etc/passwd')).resolves.toMatchObject({ open: false });
    expect(reads).toHaveLength(6);
    expect(opened).toEqual(['https://mosaic-studio.example/docs', 'https://github.com/b']);
    expect(denied).toEqual([
      'https://evil.example/: evil.example is not a host the app links to',
      'file:///etc/passwd: file: links do not open',
    ]);
  });
});
