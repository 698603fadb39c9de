// The desktop window's own origin. The window loads the built UI from this privileged scheme rather than file://, so
// its requests carry a real Origin (file:// pages send `Origin: null`, which no API should trust) and a Studio's remote
// backend can allow it. No web page can send this Origin, and the API still wants its bearer token.
import { isAbsolute, join, normalize, relative } from 'node:path';

export const desktopAppScheme = 'mosaic-studio';
export const desktopAppOrigin = `${desktopAppScheme}://app`;
export const desktopAppIndexUrl = `${desktopAppOrigin}/index.html`;

/**
 * The file of the built UI a desktop-scheme URL names (`mosaic-studio://app/assets/x.js` → `<rendererDir>/assets/x.js`;
 * the bare origin → index.html), or null for another host, an encoded separator, or a path leaving the folder.
 */
export function desktopAppFile(rendererDir: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${desktopAppScheme}:` || url.host !== 'app') return null;
  if (/%2f|%5c|%00/i.test(url.pathname)) return null;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  const relativePath = normalize(path === '/' || path === '' ? 'index.html' : path.replace(/^\/+/, ''));
  const file = join(rendererDir, relativePath);
  const inside = relative(rendererDir, file);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return null;
  return file;
}
