// Serves the built renderer from one folder, refusing any path that escapes it.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
};

/**
 * The UI's content security policy: only its own scripts; calls to its own API, or to the remote Mosaic service chosen
 * in Settings (any http(s) origin, since that address is the user's to choose).
 */
export const rendererContentSecurityPolicy =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self' http: https:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/** Answers a GET for a file of the renderer; unknown paths without an extension get index.html (client routing). */
export async function serveStatic(rootDir: string, urlPath: string, response: ServerResponse): Promise<boolean> {
  let relative: string;
  try {
    relative = decodeURIComponent(urlPath);
  } catch {
    return false;
  }
  if (relative.includes('\0')) return false;
  const wanted = normalize(join(rootDir, relative === '/' ? 'index.html' : relative));
  if (wanted !== rootDir && !wanted.startsWith(rootDir.endsWith(sep) ? rootDir : rootDir + sep)) return false;

  let file = wanted;
  let info = await stat(file).catch(() => null);
  if ((!info || info.isDirectory()) && extname(relative) === '') {
    file = join(rootDir, 'index.html');
    info = await stat(file).catch(() => null);
  }
  if (!info || !info.isFile()) return false;

  const isIndex = file.endsWith('index.html');
  response.writeHead(200, {
    'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
    'content-length': info.size,
    'cache-control': isIndex ? 'no-cache' : 'public, max-age=31536000, immutable',
    'x-content-type-options': 'nosniff',
    ...(isIndex ? { 'content-security-policy': rendererContentSecurityPolicy } : {}),
  });
  createReadStream(file).pipe(response);
  return true;
}
