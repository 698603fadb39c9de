// The HTTP side of a method's file (the contract's `httpFile`): an uploaded body written to a private file under the
// data folder, or a file the method wrote sent back as a download; either way the file is removed when the exchange ends.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { MosaicError } from '../../contract/index.js';

/** A private folder (mode 0700) for one exchange under `root`, and how to remove it. */
export async function openExchange(root: string): Promise<{ folder: string; dispose(): Promise<void> }> {
  await mkdir(root, { recursive: true, mode: 0o700 });
  const folder = await mkdtemp(join(root, 'exchange-'));
  return { folder, dispose: () => rm(folder, { recursive: true, force: true }) };
}

/** Writes the request body to `file`; refuses an empty body and one over `limit` bytes. Resolves to its size. */
export async function receiveBody(request: IncomingMessage, file: string, limit: number): Promise<number> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) throw tooLarge(limit);
  let received = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      done(received > limit ? tooLarge(limit) : null, chunk);
    },
  });
  try {
    await pipeline(request, counter, createWriteStream(file, { flags: 'wx', mode: 0o600 }));
  } catch (error) {
    if (error instanceof MosaicError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC' || code === 'EACCES' || code === 'EROFS') {
      throw new MosaicError('STORE_UNWRITABLE', `The uploaded body could not be stored in the data folder (${code}).`);
    }
    throw error;
  }
  if (received === 0) throw new MosaicError('BAD_REQUEST', 'The request body is empty: send the file as the body.');
  return received;
}

/** Streams `file` as a 200 download named `fileName`. */
export async function sendFile(
  response: ServerResponse,
  file: string,
  fileName: string,
  headers: Record<string, string>,
): Promise<void> {
  const { size } = await stat(file);
  const safeName = fileName.replace(/[^A-Za-z0-9._+-]/g, '_');
  response.writeHead(200, {
    ...headers,
    'content-length': size,
    'content-disposition': `attachment; filename="${safeName}"`,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  await pipeline(createReadStream(file), response);
}

/**
 * A request from query parameters, typed by the method's schema: `true`/`false` for boolean fields, numbers for number
 * fields, strings otherwise (the contract's validation then judges them).
 */
export function requestFromQuery(schema: z.ZodType, params: URLSearchParams): Record<string, unknown> {
  const shape = schema instanceof z.ZodObject ? (schema.shape as Record<string, z.ZodType>) : {};
  const request: Record<string, unknown> = {};
  for (const [name, value] of params) {
    let field = shape[name];
    while (field instanceof z.ZodOptional || field instanceof z.ZodDefault) field = field.unwrap() as z.ZodType;
    if (field instanceof z.ZodBoolean && (value === 'true' || value === 'false')) request[name] = value === 'true';
    else if (field instanceof z.ZodNumber && value.trim() !== '' && Number.isFinite(Number(value))) {
      request[name] = Number(value);
    } else request[name] = value;
  }
  return request;
}

/** The same error, naming what the client sent instead of the server's private file. */
export function withoutServerFile(error: unknown, file: string, instead: string): unknown {
  if (!(error instanceof MosaicError) || !error.message.includes(file)) return error;
  const message = error.message.replaceAll(file, instead);
  return new MosaicError(error.code, message.charAt(0).toUpperCase() + message.slice(1), error.details);
}

export function tooLarge(limit: number): MosaicError {
  return new MosaicError('PAYLOAD_TOO_LARGE', `The request body is larger than ${limit} bytes.`);
}
