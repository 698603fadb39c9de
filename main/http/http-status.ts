// How the HTTP front door maps contract error codes to status codes.
import type { ErrorCode } from '../../contract/index.js';

export const httpStatusOf: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  UNSUPPORTED_METHOD: 405,
  PAYLOAD_TOO_LARGE: 413,
  QUEUE_FULL: 429,
  CANCELLED: 499,
  INTERNAL: 500,
  INFERENCE_FAILED: 500,
  MODEL_LOAD_FAILED: 500,
  INFERENCE_HOST_CRASHED: 503,
  INFERENCE_HOST_UNAVAILABLE: 503,
  INFERENCE_HOST_BACKING_OFF: 503, // with Retry-After
  EXECUTION_PROVIDER_UNAVAILABLE: 503,
  TIMEOUT: 504,
  MODEL_NOT_FOUND: 404,
  MODEL_IN_USE: 409,
  NO_ACTIVE_VERSION: 409, // the request is fine; the library's state is not ready for it
  INVALID_MANIFEST: 422,
  INTEGRITY_ERROR: 422,
  INCOMPATIBLE_MODEL: 422,
  DOWNLOAD_FAILED: 502,
  STORE_UNWRITABLE: 507, // Insufficient Storage
};
