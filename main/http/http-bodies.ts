// Reading JSON request bodies and writing JSON answers (the /v1 error shape and the /v2 `{"error": "…"}` one).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MosaicError, type ErrorPayload } from '../../contract/index.js';
import type { Logger } from '../platform/logger.js';
import { tooLarge } from './file-transfer.js';
import { httpStatusOf } from './http-status.js';

export function isJson(request: IncomingMessage): boolean {
  return (request.headers['content-type'] ?? '').toLowerCase().startsWith('application/json');
}

/** The parsed body ({} when empty); 413 over `limit` bytes, 400 for another content type or invalid JSON. */
export async function readJson(request: IncomingMessage, limit: number): Promise<unknown> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) throw tooLarge(limit);
  const chunks: Buffer[] = [];
  let received = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    received += chunk.length;
    if (received > limit) throw tooLarge(limit);
    chunks.push(chunk);
  }
  if (received === 0) return {};
  const type = request.headers['content-type'] ?? '';
  if (!type.startsWith('application/json')) {
    throw new MosaicError('BAD_REQUEST', 'Send the request body as application/json.');
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new MosaicError('BAD_REQUEST', 'The request body is not valid JSON.');
  }
}

export function sendJson(response: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  response.end(body);
}

export function sendOipError(response: ServerResponse, status: number, message: string): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  sendJson(response, status, { error: message });
}

/** A retry-later error (the inference host backing off) tells HTTP clients when to come back, in whole seconds. */
export function setRetryAfter(response: ServerResponse, error: ErrorPayload): void {
  const retryAfterMs = (error.details as { retryAfterMs?: unknown } | undefined)?.retryAfterMs;
  if (typeof retryAfterMs === 'number' && !response.headersSent) {
    response.setHeader('retry-after', String(Math.max(1, Math.ceil(retryAfterMs / 1000))));
  }
}

/** Answers a /v1 error: `{"error": {code, message}}` with the code's HTTP status (an INTERNAL one is logged). */
export function sendContractError(response: ServerResponse, error: ErrorPayload, logger: Logger): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  if (error.code === 'INTERNAL') logger.error('request failed', { message: error.message });
  setRetryAfter(response, error);
  sendJson(response, httpStatusOf[error.code], { error });
}
