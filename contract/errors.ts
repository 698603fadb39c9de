// Error codes and the `{ code, message }` shape in which every error crosses a process boundary.
import { z } from 'zod';

export const errorCodes = [
  'BAD_REQUEST',
  'NOT_FOUND',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_METHOD',
  'QUEUE_FULL',
  'CANCELLED',
  'TIMEOUT',
  'INFERENCE_HOST_CRASHED',
  'INFERENCE_HOST_UNAVAILABLE',
  'INFERENCE_HOST_BACKING_OFF',
  'EXECUTION_PROVIDER_UNAVAILABLE',
  'MODEL_LOAD_FAILED',
  'INFERENCE_FAILED',
  'MODEL_NOT_FOUND',
  'MODEL_IN_USE',
  /** Installed versions exist (or did) but none is active: activate or install one. */
  'NO_ACTIVE_VERSION',
  'INVALID_MANIFEST',
  'INTEGRITY_ERROR',
  'INCOMPATIBLE_MODEL',
  'DOWNLOAD_FAILED',
  'STORE_UNWRITABLE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export const errorPayloadSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  /** Optional machine-readable context, e.g. the schema issues of a rejected request. */
  details: z.unknown().optional(),
});

export type ErrorPayload = z.infer<typeof errorPayloadSchema>;

/** An error that knows its code; anything else that escapes a service is reported as INTERNAL. */
export class MosaicError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'MosaicError';
    this.code = code;
    this.details = details;
  }

  static from(payload: ErrorPayload): MosaicError {
    return new MosaicError(payload.code, payload.message, payload.details);
  }

  toPayload(): ErrorPayload {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (errorCodes as readonly string[]).includes(value);
}

/** Turns anything thrown into a payload that is safe to send across a boundary. */
export function toErrorPayload(error: unknown): ErrorPayload {
  if (error instanceof MosaicError) return error.toPayload();
  const candidate = error as { code?: unknown; message?: unknown } | null;
  if (candidate && isErrorCode(candidate.code) && typeof candidate.message === 'string') {
    return { code: candidate.code, message: candidate.message };
  }
  const message =
    error instanceof Error ? error.message : typeof candidate?.message === 'string' ? candidate.message : String(error);
  return { code: 'INTERNAL', message };
}

/** Up to five schema issues as one line: `path: message; …` (the root as "(root)"). */
export function summarizeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}
