// The desktop window's scheme: which built UI file a mosaic-studio://app URL names, and what it refuses.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { desktopAppFile, desktopAppIndexUrl } from '../../../../main/platform/app-origin.js';

const dir = '/opt/mosaic/out/renderer';

describe('desktopAppFile', () => {
  it('maps the origin and its paths into the built UI folder', () => {
    expect(desktopAppFile(dir, desktopAppIndexUrl)).toBe(join(dir, 'index.html'));
    expect(desktopAppFile(dir, 'mosaic-studio://app/')).toBe(join(dir, 'index.html'));
    expect(desktopAppFile(dir, 'mosaic-studio://app/assets/index-abc.js?v=1#x')).toBe(join(dir, 'assets/index-abc.js'));
    expect(desktopAppFile(dir, 'mosaic-studio://app/assets/a%20b.css')).toBe(join(dir, 'assets/a b.css'));
  });

  it('refuses other hosts, other schemes, encoded separators and paths that leave the folder', () => {
    expect(desktopAppFile(dir, 'mosaic-studio://evil/index.html')).toBeNull();
    expect(desktopAppFile(dir, 'file:///etc/passwd')).toBeNull();
    expect(desktopAppFile(dir, 'mosaic-studio://app/..%2f..%2fetc/passwd')).toBeNull();
    // Dot segments are resolved by the URL parser against the root: the path stays inside the folder.
    expect(desktopAppFile(dir, 'mosaic-studio://app/%2e%2e/%2e%2e/etc/passwd')).toBe(join(dir, 'etc/passwd'));
    expect(desktopAppFile(dir, 'mosaic-studio://app/assets/%00.js')).toBeNull();
    expect(desktopAppFile(dir, 'not a url')).toBeNull();
  });
});
